import type { TenantListName } from "../../core/snapshot/snapshot.js";
import {
  type EmulatedTenant,
  findByAppId,
  findUser,
  type GraphObject,
  textField,
} from "../emulator-state.js";
import { pageCollection } from "./graph-paging.js";
import { badRequest, type GraphReply, graphErrorReply, okReply, resourceNotFound } from "./graph-reply.js";
import {
  contextFragment,
  matchesFilter,
  parseFilter,
  selectProperties,
  unknownSelectedProperty,
} from "./odata-query.js";

/** One GET that reached the emulated Graph, already authenticated for `tenant`. */
export interface GraphGet {
  readonly tenant: EmulatedTenant;
  /** `{origin}/{v1.0|beta}/{path}?{query}`. */
  readonly url: URL;
  readonly pageSize: number;
  readonly now: Date;
}

/** The entity type each collection holds, and its `@odata.context` fragment as Graph writes it. */
const COLLECTIONS: Readonly<Record<string, { type: string | undefined; context: string }>> = {
  applications: { type: "microsoft.graph.application", context: "applications" },
  servicePrincipals: { type: "microsoft.graph.servicePrincipal", context: "servicePrincipals" },
  oauth2PermissionGrants: {
    type: "microsoft.graph.oAuth2PermissionGrant",
    context: "oauth2PermissionGrants",
  },
  // `memberOf` is bound to the `directoryObjects` entity set.
  directoryObjects: { type: "microsoft.graph.directoryObject", context: "directoryObjects" },
  // Contained in the `reports` singleton: the context is the path.
  userRegistrationDetails: {
    type: "microsoft.graph.userRegistrationDetails",
    context: "reports/authenticationMethods/userRegistrationDetails",
  },
  servicePrincipalSignInActivities: {
    type: "microsoft.graph.servicePrincipalSignInActivity",
    context: "reports/servicePrincipalSignInActivities",
  },
  users: { type: "microsoft.graph.user", context: "users" },
  conditionalAccessPolicies: {
    type: "microsoft.graph.conditionalAccessPolicy",
    context: "identity/conditionalAccess/policies",
  },
};

/** Properties each collection may be filtered on, as Graph supports them. */
const FILTERABLE: Readonly<Record<string, readonly string[]>> = {
  applications: ["tags", "appid", "displayname", "id"],
  servicePrincipals: ["appid", "tags", "displayname", "id"],
  oauth2PermissionGrants: ["clientid", "resourceid", "consenttype"],
  userRegistrationDetails: ["id", "userprincipalname"],
  servicePrincipalSignInActivities: ["appid", "id"],
};

/**
 * Answers the Graph reads cspops makes (docs/snapshot.md#what-the-observer-reads), with their `$filter`
 * forms, `$select` and paging. Anything else is a Graph-shaped 400 or 404.
 */
export function routeGraphGet(request: GraphGet): GraphReply {
  const [, , ...segments] = request.url.pathname.split("/").map(decodeURIComponent);
  const listName = listOf(request);
  const refusal = listName === undefined ? undefined : request.tenant.listErrors.get(listName);
  if (refusal !== undefined) {
    return graphErrorReply(refusal.status ?? 403, refusal.code, refusal.message, request.now);
  }
  return answer(request, segments);
}

/** Which snapshot list a read belongs to, so that a seeded refusal of that list applies to it. */
function listOf(request: GraphGet): TenantListName | undefined {
  const [, version = "", ...segments] = request.url.pathname.split("/").map(decodeURIComponent);
  const path = segments.join("/");
  if (path === "identity/conditionalAccess/policies") return "conditionalAccessPolicies";
  if (version === "beta" && path === "reports/servicePrincipalSignInActivities")
    return "servicePrincipalSignInActivities";
  if (path.startsWith("reports/authenticationMethods/userRegistrationDetails"))
    return "userRegistrationDetails";
  if (segments[0] === "users") return segments[2] === "memberOf" ? "memberOf" : "users";
  return undefined;
}

function answer(request: GraphGet, segments: readonly string[]): GraphReply {
  const version = request.url.pathname.split("/")[1] ?? "";
  const { tenant, now } = request;
  const [first, second, third, fourth] = segments;
  const path = segments.join("/");

  if (segments.length === 1 && first === "applications")
    return list(request, tenant.applications, "applications");
  if (segments.length === 1 && first === "servicePrincipals") {
    return list(request, tenant.servicePrincipals, "servicePrincipals");
  }
  if (segments.length === 1 && first === "oauth2PermissionGrants") {
    return list(request, tenant.oauth2PermissionGrants, "oauth2PermissionGrants");
  }
  const grantsOf = servicePrincipalGrantsKey(segments);
  if (grantsOf !== undefined) {
    const principal =
      grantsOf.appId === undefined
        ? tenant.servicePrincipals.find(
            (sp) => textField(sp, "id").toLowerCase() === grantsOf.id?.toLowerCase(),
          )
        : findByAppId(tenant.servicePrincipals, grantsOf.appId);
    if (principal === undefined) return resourceNotFound(grantsOf.appId ?? grantsOf.id ?? "", now);
    const clientId = textField(principal, "id").toLowerCase();
    const grants = tenant.oauth2PermissionGrants.filter(
      (grant) => textField(grant, "clientId").toLowerCase() === clientId,
    );
    return list(request, grants, "oauth2PermissionGrants");
  }
  if (first === "users" && second !== undefined && segments.length <= 3) {
    const user = findUser(tenant, second);
    if (user === undefined) return resourceNotFound(second, now);
    if (third === undefined) return single(request, user, "users");
    if (third === "memberOf") {
      return list(
        request,
        tenant.memberOf.get(textField(user, "id").toLowerCase()) ?? [],
        "directoryObjects",
      );
    }
  }
  if (first === "reports" && second === "authenticationMethods" && third === "userRegistrationDetails") {
    if (segments.length === 3)
      return list(request, tenant.userRegistrationDetails, "userRegistrationDetails");
    if (segments.length === 4 && fourth !== undefined) {
      const details = tenant.userRegistrationDetails.find(
        (entry) => textField(entry, "id").toLowerCase() === fourth.toLowerCase(),
      );
      return details === undefined
        ? resourceNotFound(fourth, now)
        : single(request, details, "userRegistrationDetails");
    }
  }
  if (version === "beta" && path === "reports/servicePrincipalSignInActivities") {
    return list(request, tenant.servicePrincipalSignInActivities, "servicePrincipalSignInActivities");
  }
  if (path === "identity/conditionalAccess/policies") {
    return list(request, tenant.conditionalAccessPolicies, "conditionalAccessPolicies");
  }
  return badRequest(`Resource not found for the segment '${segments.at(-1) ?? ""}'.`, now);
}

function list(request: GraphGet, items: readonly GraphObject[], name: string): GraphReply {
  const collection = COLLECTIONS[name] ?? { type: undefined, context: name };
  const unknown = unknownSelection(request, collection.type);
  if (unknown !== undefined) return unknown;
  const filterText = request.url.searchParams.get("$filter");
  let selected = items;
  if (filterText !== null) {
    const filter = parseFilter(filterText);
    const allowed = FILTERABLE[name] ?? [];
    if (filter === undefined || !allowed.includes(filter.property.toLowerCase())) {
      return badRequest(
        `Unsupported or invalid query filter clause specified: '${filterText}'.`,
        request.now,
      );
    }
    selected = items.filter((item) => matchesFilter(item, filter));
  }
  return pageCollection(selected, {
    url: request.url,
    pageSize: request.pageSize,
    contextName: collection.context,
    type: collection.type,
    now: request.now,
  });
}

/** One entity: `#users/$entity`, or `#users(id,displayName)/$entity` with a `$select`, as Graph writes it. */
function single(request: GraphGet, object: GraphObject, name: string): GraphReply {
  const collection = COLLECTIONS[name] ?? { type: undefined, context: name };
  const unknown = unknownSelection(request, collection.type);
  if (unknown !== undefined) return unknown;
  const version = request.url.pathname.split("/")[1] ?? "v1.0";
  const select = request.url.searchParams.get("$select");
  return okReply({
    "@odata.context": `${request.url.origin}/${version}/$metadata#${contextFragment(collection.context, select)}/$entity`,
    ...selectProperties(object, select, collection.type),
  });
}

/** Graph's 400 for a `$select` of a property the type does not have. */
function unknownSelection(request: GraphGet, type: string | undefined): GraphReply | undefined {
  const name =
    type === undefined ? undefined : unknownSelectedProperty(type, request.url.searchParams.get("$select"));
  if (name === undefined) return undefined;
  return graphErrorReply(
    400,
    "Request_BadRequest",
    `Could not find a property named '${name}' on type '${type}'.`,
    request.now,
  );
}

/** `servicePrincipals(appId='…')/oauth2PermissionGrants` or `servicePrincipals/{id}/oauth2PermissionGrants`. */
function servicePrincipalGrantsKey(segments: readonly string[]): { appId?: string; id?: string } | undefined {
  if (segments.length === 2 && segments[1] === "oauth2PermissionGrants") {
    const byAppId = /^servicePrincipals\(appId='([^']+)'\)$/i.exec(segments[0] ?? "");
    return byAppId?.[1] === undefined ? undefined : { appId: byAppId[1] };
  }
  if (
    segments.length === 3 &&
    segments[0] === "servicePrincipals" &&
    segments[2] === "oauth2PermissionGrants"
  ) {
    return segments[1] === undefined ? undefined : { id: segments[1] };
  }
  return undefined;
}
