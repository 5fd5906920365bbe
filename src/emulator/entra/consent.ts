import { randomBytes } from "node:crypto";
import { PARTNER_CENTER_APP_ID, PARTNER_CENTER_RESOURCE } from "../../core/instance/identifiers.js";
import {
  type EmulatedTenant,
  findByAppId,
  type GraphObject,
  newObjectId,
  textField,
} from "../emulator-state.js";

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
