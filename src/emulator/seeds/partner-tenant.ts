import {
  ADMIN_AGENTS_GROUP_NAME,
  GLOBAL_ADMINISTRATOR_ROLE_TEMPLATE_ID,
  instanceTag,
  MANAGED_TAG,
  MICROSOFT_GRAPH_APP_ID,
  PARTNER_CENTER_APP_ID,
  PARTNER_CENTER_USER_IMPERSONATION_ID,
} from "../../core/instance/identifiers.js";
import type { TenantObservation } from "../../core/snapshot/snapshot.js";
import { buildConditionalAccessPolicy, type SeedPolicy } from "./conditional-access.js";

const DAY_MS = 86_400_000;

export interface SeedUser {
  readonly id: string;
  readonly upn: string;
  readonly name: string;
  readonly mfa: boolean;
  /** How the user is an admin agent, if at all. */
  readonly role: "AdminAgents" | "GlobalAdministrator" | "none";
  /** Sign-in blocked (`accountEnabled: false`). */
  readonly disabled?: boolean;
  /** Days since someone revoked the user's sessions; undefined: sessions valid since the account was made. */
  readonly sessionsRevokedDaysAgo?: number;
  /** Days since the password changed; undefined: when the account was made. */
  readonly passwordChangedDaysAgo?: number;
}

/** Users were made this many days before `now`. */
const USERS_CREATED_DAYS_AGO = 400;

/** One partner tenant with one cspops instance in it, described by what matters to its status. */
export interface PartnerTenantSpec {
  readonly tenantId: string;
  readonly instance: string;
  /** Undefined: the app was never provisioned. */
  readonly appId: string | undefined;
  readonly displayName: string;
  readonly redirectUris: readonly string[];
  readonly agent: SeedUser;
  readonly others: readonly SeedUser[];
  /** Days since the consent and last delegated sign-in; undefined: never consented. */
  readonly consentedDaysAgo: number | undefined;
  /** Keeps the instance's object ids apart when several instances share a tenant (24 characters). */
  readonly objectIdPrefix?: string | undefined;
  /** The tenant's Conditional Access policies; the AdminAgents group's id is `adminAgentsGroupId(tenantId)`. */
  readonly conditionalAccessPolicies?: readonly SeedPolicy[] | undefined;
}

/** Object id of the AdminAgents group in a seeded tenant (Conditional Access policies may name it). */
export function adminAgentsGroupId(tenantId: string): string {
  return `${tenantId.slice(0, 24)}${"ad1".padStart(12, "0")}`;
}

/**
 * The tenant's directory as Graph shows it (documented shapes): the instance's app with its tags,
 * redirect URIs, Partner Center permission and a Key valid 150 more days; the service principals
 * (the app's, Partner Center's, Graph's); the grant and sign-in when consented; the users with their
 * memberships, sessions, password dates and MFA registration; the Conditional Access policies. Dates
 * are relative to `now`; object ids derive from the tenant id.
 */
export function buildPartnerTenant(spec: PartnerTenantSpec, now: Date): TenantObservation {
  const at = (days: number) => new Date(now.getTime() + days * DAY_MS).toISOString();
  const tenantObject = (suffix: string) => `${spec.tenantId.slice(0, 24)}${suffix.padStart(12, "0")}`;
  const id = (suffix: string) =>
    `${spec.objectIdPrefix ?? spec.tenantId.slice(0, 24)}${suffix.padStart(12, "0")}`;
  const partnerCenter = principal(tenantObject("bc1"), PARTNER_CENTER_APP_ID, "Microsoft Partner Center");
  const graph = principal(tenantObject("9a1"), MICROSOFT_GRAPH_APP_ID, "Microsoft Graph");
  const users = [spec.agent, ...spec.others];
  const directory = {
    users: users.map((user) => ({
      id: user.id,
      userPrincipalName: user.upn,
      accountEnabled: user.disabled !== true,
      displayName: user.name,
      signInSessionsValidFromDateTime: at(-(user.sessionsRevokedDaysAgo ?? USERS_CREATED_DAYS_AGO)),
      lastPasswordChangeDateTime: at(-(user.passwordChangedDaysAgo ?? USERS_CREATED_DAYS_AGO)),
    })),
    memberOf: Object.fromEntries(users.map((user) => [user.id, memberships(user, tenantObject)])),
    userRegistrationDetails: users.map((user) => registration(user, at(-30))),
    conditionalAccessPolicies: (spec.conditionalAccessPolicies ?? []).map((policy) =>
      buildConditionalAccessPolicy(policy, at(-100)),
    ),
  };
  if (spec.appId === undefined) {
    return {
      applications: [],
      servicePrincipals: [partnerCenter, graph],
      oauth2PermissionGrants: [],
      servicePrincipalSignInActivities: [],
      ...directory,
    } as TenantObservation;
  }
  const appSp = principal(id("a11"), spec.appId, spec.displayName);
  const lastSignIn =
    spec.consentedDaysAgo === undefined
      ? undefined
      : { lastSignInDateTime: at(-spec.consentedDaysAgo), lastSignInRequestId: id("5e1") };
  const application = {
    id: id("a10"),
    appId: spec.appId,
    displayName: spec.displayName,
    createdDateTime: at(-200),
    // Multitenant, as Microsoft's secure application model guide registers it.
    signInAudience: "AzureADMultipleOrgs",
    tags: [MANAGED_TAG, instanceTag(spec.instance)],
    web: {
      redirectUris: [...spec.redirectUris],
      redirectUriSettings: spec.redirectUris.map((uri) => ({ uri, index: null })),
    },
    requiredResourceAccess: [
      {
        resourceAppId: PARTNER_CENTER_APP_ID,
        resourceAccess: [{ id: PARTNER_CENTER_USER_IMPERSONATION_ID, type: "Scope" }],
      },
    ],
    passwordCredentials: [
      {
        keyId: id("4e1"),
        displayName: "cspops",
        startDateTime: at(-30),
        endDateTime: at(150),
        secretText: null,
      },
    ],
  };
  const grant = {
    id: `${id("6a1")}-grant`,
    clientId: appSp.id,
    consentType: "Principal",
    principalId: spec.agent.id,
    resourceId: partnerCenter.id,
    scope: "user_impersonation",
  };
  const signIn = {
    id: id("51a"),
    appId: spec.appId,
    delegatedClientSignInActivity: lastSignIn,
    lastSignInActivity: lastSignIn,
  };
  return {
    applications: [application],
    servicePrincipals: [appSp, partnerCenter, graph],
    oauth2PermissionGrants: lastSignIn === undefined ? [] : [grant],
    servicePrincipalSignInActivities: lastSignIn === undefined ? [] : [signIn],
    ...directory,
  } as TenantObservation;
}

function principal(id: string, appId: string, displayName: string) {
  return { id, appId, displayName, servicePrincipalType: "Application", accountEnabled: true };
}

function memberships(user: SeedUser, id: (suffix: string) => string) {
  if (user.role === "AdminAgents") {
    return [
      {
        "@odata.type": "#microsoft.graph.group",
        id: id("ad1"),
        displayName: ADMIN_AGENTS_GROUP_NAME,
        securityEnabled: true,
        mailEnabled: false,
      },
    ];
  }
  if (user.role === "GlobalAdministrator") {
    return [
      {
        "@odata.type": "#microsoft.graph.directoryRole",
        id: id("9a0"),
        displayName: "Global Administrator",
        roleTemplateId: GLOBAL_ADMINISTRATOR_ROLE_TEMPLATE_ID,
      },
    ];
  }
  return [];
}

/** `microsoft.graph.userRegistrationDetails`, with every property v1.0 marks non-nullable. */
function registration(user: SeedUser, lastUpdatedDateTime: string) {
  return {
    id: user.id,
    userPrincipalName: user.upn,
    userDisplayName: user.name,
    userType: "member",
    isAdmin: user.role !== "none",
    isMfaRegistered: user.mfa,
    isMfaCapable: user.mfa,
    isPasswordlessCapable: false,
    isSsprCapable: false,
    isSsprEnabled: false,
    isSsprRegistered: false,
    isSystemPreferredAuthenticationMethodEnabled: false,
    lastUpdatedDateTime,
    methodsRegistered: user.mfa ? ["microsoftAuthenticatorPush", "softwareOneTimePasscode"] : [],
    systemPreferredAuthenticationMethods: [],
    userPreferredMethodForSecondaryAuthentication: user.mfa ? "push" : "none",
  };
}
