import { instanceTag, PARTNER_CENTER_APP_ID } from "../../core/instance/identifiers.js";
import type { Cloud } from "../../core/instance/instance.js";
import type { TenantListName, Unavailable } from "../../core/snapshot/snapshot.js";
import type { GraphRead } from "./batch-reader.js";

/** What the observer needs to know of an instance to read its tenant. */
export interface InstanceToObserve {
  readonly name: string;
  readonly existingAppId: string | undefined;
  /** App ids a previous observation found for it: read in the first round (see `knownAppIds`). */
  readonly knownAppIds?: readonly string[] | undefined;
  readonly adminAgent: string;
}

/** Never `keyCredentials` or anything else: only what the planner reads (docs/snapshot.md). */
const APPLICATION_SELECT =
  "id,appId,displayName,createdDateTime,signInAudience,tags,web,requiredResourceAccess,passwordCredentials";
const SERVICE_PRINCIPAL_SELECT = "id,appId,displayName,accountEnabled,servicePrincipalType";
const USER_SELECT =
  "id,userPrincipalName,accountEnabled,displayName,signInSessionsValidFromDateTime,lastPasswordChangeDateTime";

/**
 * Lists Microsoft does not offer in a cloud, so never asked for there. The beta
 * `servicePrincipalSignInActivities` report is not available in the 21Vianet (China) cloud
 * (docs/snapshot.md).
 */
export function unavailableLists(cloud: Cloud): Partial<Record<TenantListName, Unavailable>> {
  if (cloud !== "china") return {};
  return {
    servicePrincipalSignInActivities: {
      code: "NotAvailableInCloud",
      message:
        "Microsoft Graph's servicePrincipalSignInActivities report (beta) is not available in the China cloud operated by 21Vianet",
    },
  };
}

/**
 * The reads that need nothing but the YAML: each instance's app (by tag or by adopted app id), the
 * Partner Center API's service principal, the tenant's Conditional Access policies, and each admin
 * agent with their memberships and MFA registration. Users are addressed by UPN (Graph accepts it
 * in place of the id), so the agent's memberships and MFA need no second round trip. Apps adopted
 * by id, and apps whose id is already known, get their app reads now too.
 */
export function firstRoundReads(
  instances: readonly InstanceToObserve[],
  cloud: Cloud = "global",
): GraphRead[] {
  const reads: GraphRead[] = [
    v1(
      `pc-sp`,
      `/servicePrincipals?$filter=${odataEq("appId", PARTNER_CENTER_APP_ID)}&$select=${SERVICE_PRINCIPAL_SELECT}`,
    ),
    v1("ca-policies", "/identity/conditionalAccess/policies"),
  ];
  for (const instance of instances) {
    const filter =
      instance.existingAppId === undefined
        ? `tags/any(t:t eq ${literal(instanceTag(instance.name))})`
        : `appId eq ${literal(instance.existingAppId)}`;
    reads.push({
      ...v1(`app:${instance.name}`, `/applications?$filter=${encode(filter)}&$select=${APPLICATION_SELECT}`),
      // Each app found brings its service principal, grants and sign-in reads.
      leadsToMore: true,
    });
  }
  for (const upn of distinct(instances.map((instance) => instance.adminAgent))) {
    const user = `/users/${encodeURIComponent(upn)}`;
    reads.push(
      v1(`user:${upn}`, `${user}?$select=${USER_SELECT}`),
      v1(`memberOf:${upn}`, `${user}/memberOf`),
      v1(
        `mfa:${upn}`,
        `/reports/authenticationMethods/userRegistrationDetails?$filter=${odataEq("userPrincipalName", upn)}`,
      ),
    );
  }
  const early = distinct(
    instances.flatMap((instance) => [instance.existingAppId ?? [], instance.knownAppIds ?? []].flat()),
  );
  return [...reads, ...early.flatMap((appId) => appReads(appId, cloud))];
}

/**
 * The reads about one app once its app id is known: service principal, grants, and last sign-in
 * where the cloud offers that report.
 */
export function appReads(appId: string, cloud: Cloud = "global"): GraphRead[] {
  const key = appId.toLowerCase();
  const reads: GraphRead[] = [
    v1(
      `sp:${key}`,
      `/servicePrincipals?$filter=${odataEq("appId", appId)}&$select=${SERVICE_PRINCIPAL_SELECT}`,
    ),
    // The alternate key spares a round trip: the grants' client is the service principal's object id.
    v1(`grants:${key}`, `/servicePrincipals(appId=${encode(literal(appId))})/oauth2PermissionGrants`),
  ];
  if (unavailableLists(cloud).servicePrincipalSignInActivities !== undefined) return reads;
  reads.push({
    key: `signIn:${key}`,
    version: "beta",
    path: `/reports/servicePrincipalSignInActivities?$filter=${odataEq("appId", appId)}`,
  });
  return reads;
}

/** The keys `appReads` gives its reads, whatever the cloud (the global cloud reads them all). */
export function appReadKeys(appId: string): string[] {
  return appReads(appId, "global").map((read) => read.key);
}

function v1(key: string, path: string): GraphRead {
  return { key, version: "v1.0", path };
}

function odataEq(property: string, value: string): string {
  return encode(`${property} eq ${literal(value)}`);
}

/** An OData string literal: single quotes doubled. */
function literal(value: string): string {
  return `'${value.replaceAll("'", "''")}'`;
}

function encode(text: string): string {
  return encodeURIComponent(text);
}

/** Distinct by lower case (UPNs and GUIDs compare without case), keeping the first spelling. */
export function distinct(values: readonly string[]): string[] {
  const seen = new Map<string, string>();
  for (const value of values) if (!seen.has(value.toLowerCase())) seen.set(value.toLowerCase(), value);
  return [...seen.values()];
}
