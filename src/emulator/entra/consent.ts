import { randomBytes } from "node:crypto";
import {
  ADMIN_AGENTS_GROUP_NAME,
  GLOBAL_ADMINISTRATOR_ROLE_TEMPLATE_ID,
  PARTNER_CENTER_APP_ID,
  PARTNER_CENTER_RESOURCE,
} from "../../core/instance/identifiers.js";
import {
  type EmulatedTenant,
  findByAppId,
  findUser,
  type GraphObject,
  newObjectId,
  textField,
} from "../emulator-state.js";
import { type EntraRefusal, refusals } from "./entra-errors.js";

export type ConsentCheck =
  | { readonly ok: true; readonly user: GraphObject }
  | { readonly ok: false; readonly refusal: EntraRefusal };

/**
 * Whether `upn` may give the Partner Center consent: the account exists and is enabled, has an MFA
 * method (Entra asks for MFA before anything else), and is an admin agent or a Global Administrator.
 */
export function checkConsentingUser(tenant: EmulatedTenant, upn: string, app: GraphObject): ConsentCheck {
  const user = findUser(tenant, upn);
  if (user === undefined) return { ok: false, refusal: refusals.userNotFound(upn, tenant.id) };
  if (user.accountEnabled === false) return { ok: false, refusal: refusals.userDisabled() };
  const userId = textField(user, "id").toLowerCase();
  const registration = tenant.userRegistrationDetails.find(
    (entry) => textField(entry, "id").toLowerCase() === userId,
  );
  if (registration?.isMfaRegistered !== true) {
    return { ok: false, refusal: refusals.mfaRequired(PARTNER_CENTER_RESOURCE) };
  }
  if (!isAdminAgent(tenant, userId)) {
    const appId = textField(app, "appId");
    return {
      ok: false,
      refusal: refusals.notAdminAgent(
        textField(user, "userPrincipalName"),
        appId,
        textField(app, "displayName"),
      ),
    };
  }
  return { ok: true, user };
}

function isAdminAgent(tenant: EmulatedTenant, userId: string): boolean {
  return (tenant.memberOf.get(userId) ?? []).some(
    (entry) =>
      (entry["@odata.type"] === "#microsoft.graph.group" &&
        textField(entry, "displayName") === ADMIN_AGENTS_GROUP_NAME) ||
      (entry["@odata.type"] === "#microsoft.graph.directoryRole" &&
        textField(entry, "roleTemplateId") === GLOBAL_ADMINISTRATOR_ROLE_TEMPLATE_ID),
  );
}

/** The Partner Center permissions named in a consent request's `scope` (e.g. `user_impersonation`). */
export function partnerCenterScopes(scope: string): string[] {
  const prefix = `${PARTNER_CENTER_RESOURCE}/`;
  return scope
    .split(/\s+/)
    .filter((entry) => entry.toLowerCase().startsWith(prefix))
    .map((entry) => entry.slice(prefix.length));
}

export interface ConsentInput {
  readonly tenant: EmulatedTenant;
  readonly app: GraphObject;
  readonly user: GraphObject;
  readonly scopes: readonly string[];
  /** "Consent on behalf of your organization": an `AllPrincipals` grant instead of `Principal`. */
  readonly forOrganisation: boolean;
  readonly now: Date;
}

/**
 * What Entra does when the admin agent accepts: makes sure both service principals exist, creates
 * (or widens) the delegated grant, and records the delegated sign-in that the consent was.
 */
export function applyConsent(input: ConsentInput): GraphObject {
  const { tenant, app } = input;
  const client = ensureServicePrincipal(tenant, textField(app, "appId"), textField(app, "displayName"));
  const resource = ensureServicePrincipal(tenant, PARTNER_CENTER_APP_ID, "Microsoft Partner Center");
  const consentType = input.forOrganisation ? "AllPrincipals" : "Principal";
  const principalId = input.forOrganisation ? null : textField(input.user, "id");
  const existing = tenant.oauth2PermissionGrants.find(
    (grant) =>
      grant.clientId === client.id &&
      grant.resourceId === resource.id &&
      grant.consentType === consentType &&
      (grant.principalId ?? null) === principalId,
  );
  const grant = existing ?? {
    id: randomBytes(32).toString("base64url"),
    clientId: client.id,
    consentType,
    principalId,
    resourceId: resource.id,
    scope: "",
  };
  const scopes = new Set(
    textField(grant, "scope")
      .split(" ")
      .filter((entry) => entry !== ""),
  );
  for (const scope of input.scopes) scopes.add(scope);
  grant.scope = [...scopes].join(" ");
  if (existing === undefined) tenant.oauth2PermissionGrants.push(grant);
  recordDelegatedSignIn(tenant, textField(app, "appId"), input.now);
  return grant;
}

/** A delegated sign-in of the app: what keeps its refresh token alive (docs/statuses.md#the-90-days). */
export function recordDelegatedSignIn(tenant: EmulatedTenant, appId: string, now: Date): void {
  const activity = { lastSignInDateTime: now.toISOString(), lastSignInRequestId: newObjectId() };
  const existing = findByAppId(tenant.servicePrincipalSignInActivities, appId);
  if (existing === undefined) {
    tenant.servicePrincipalSignInActivities.push({
      id: randomBytes(16).toString("base64url"),
      appId,
      delegatedClientSignInActivity: activity,
      delegatedResourceSignInActivity: { lastSignInDateTime: null, lastSignInRequestId: null },
      applicationAuthenticationClientSignInActivity: { lastSignInDateTime: null, lastSignInRequestId: null },
      applicationAuthenticationResourceSignInActivity: {
        lastSignInDateTime: null,
        lastSignInRequestId: null,
      },
      lastSignInActivity: activity,
    });
    return;
  }
  existing.delegatedClientSignInActivity = activity;
  existing.lastSignInActivity = activity;
}

/** Entra creates a missing service principal when someone consents to the app. */
function ensureServicePrincipal(
  tenant: EmulatedTenant,
  appId: string,
  displayName: string,
): GraphObject & { id: string } {
  const found = findByAppId(tenant.servicePrincipals, appId);
  if (found !== undefined) return found as GraphObject & { id: string };
  const created = {
    id: newObjectId(),
    appId,
    displayName,
    servicePrincipalType: "Application",
    accountEnabled: true,
  };
  tenant.servicePrincipals.push(created);
  return created;
}
