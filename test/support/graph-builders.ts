// Builders of Microsoft Graph objects in the shapes Microsoft documents (every field of the
// documented example responses, not only the ones cspops reads), so that the planner is tested
// against what Graph really sends. test/core/reconcile/graph-builders.test.ts checks each builder
// against test/fixtures/snapshots/documented/graph-examples.json.
import { createHash } from "node:crypto";
import {
  GLOBAL_ADMINISTRATOR_ROLE_TEMPLATE_ID,
  PARTNER_CENTER_APP_ID,
  PARTNER_CENTER_USER_IMPERSONATION_ID,
} from "../../src/core/instance/identifiers.js";
import type {
  GraphApplication,
  GraphConditionalAccessPolicy,
  GraphDirectoryObject,
  GraphError,
  GraphOAuth2PermissionGrant,
  GraphPasswordCredential,
  GraphRequiredResourceAccess,
  GraphServicePrincipal,
  GraphServicePrincipalSignInActivity,
  GraphSignInFrequencySessionControl,
  GraphUser,
  GraphUserRegistrationDetails,
} from "../../src/core/snapshot/snapshot.js";

/** A stable GUID derived from a seed, so fixtures read the same on every run. */
export function guidFor(seed: string): string {
  const hex = createHash("sha256").update(seed).digest("hex");
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-a${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

export function passwordCredential(options: {
  endDateTime: string | null;
  startDateTime?: string;
  displayName?: string;
  seed?: string;
}): GraphPasswordCredential {
  const credential = {
    customKeyIdentifier: null,
    displayName: options.displayName ?? "cspops",
    endDateTime: options.endDateTime,
    hint: "Abc",
    keyId: guidFor(`key:${options.seed ?? options.endDateTime}`),
    secretText: null,
    startDateTime: options.startDateTime ?? "2026-01-01T00:00:00Z",
  };
  return credential;
}

/** Partner Center's delegated `user_impersonation`, as the Pulumi program requests it. */
export function partnerCenterAccess(): GraphRequiredResourceAccess {
  return {
    resourceAppId: PARTNER_CENTER_APP_ID,
    resourceAccess: [{ id: PARTNER_CENTER_USER_IMPERSONATION_ID, type: "Scope" }],
  };
}

/** `microsoft.graph.informationalUrl` of an app that sets none, as applications and service principals carry it. */
const NO_INFORMATIONAL_URLS = {
  termsOfServiceUrl: null,
  supportUrl: null,
  privacyStatementUrl: null,
  marketingUrl: null,
  logoUrl: null,
} as const;

export function graphApplication(options: {
  appId: string;
  displayName: string;
  tags?: readonly string[];
  redirectUris?: readonly string[];
  requiredResourceAccess?: readonly GraphRequiredResourceAccess[];
  passwordCredentials?: readonly GraphPasswordCredential[];
  createdDateTime?: string;
  signInAudience?: string;
  id?: string;
}): GraphApplication {
  const application = {
    id: options.id ?? guidFor(`application:${options.appId}`),
    deletedDateTime: null,
    isFallbackPublicClient: null,
    appId: options.appId,
    applicationTemplateId: null,
    identifierUris: [],
    createdDateTime: options.createdDateTime ?? "2026-01-01T00:00:00Z",
    disabledByMicrosoftStatus: null,
    displayName: options.displayName,
    isDeviceOnlyAuthSupported: null,
    groupMembershipClaims: null,
    optionalClaims: null,
    addIns: [],
    publisherDomain: "contoso.onmicrosoft.com",
    signInAudience: options.signInAudience ?? "AzureADMultipleOrgs",
    tags: [...(options.tags ?? [])],
    tokenEncryptionKeyId: null,
    api: {
      requestedAccessTokenVersion: 2,
      acceptMappedClaims: null,
      knownClientApplications: [],
      oauth2PermissionScopes: [],
      preAuthorizedApplications: [],
    },
    appRoles: [],
    publicClient: { redirectUris: [] },
    info: { ...NO_INFORMATIONAL_URLS },
    keyCredentials: [],
    parentalControlSettings: { countriesBlockedForMinors: [], legalAgeGroupRule: "Allow" },
    passwordCredentials: [...(options.passwordCredentials ?? [])],
    requiredResourceAccess: [...(options.requiredResourceAccess ?? [partnerCenterAccess()])],
    web: {
      redirectUris: [...(options.redirectUris ?? [])],
      redirectUriSettings: (options.redirectUris ?? []).map((uri) => ({ uri, index: null })),
      homePageUrl: null,
      logoutUrl: null,
      implicitGrantSettings: { enableIdTokenIssuance: false, enableAccessTokenIssuance: false },
    },
  };
  return application;
}

export function graphServicePrincipal(options: {
  appId: string;
  displayName: string;
  id?: string;
  ownerTenantId?: string;
}): GraphServicePrincipal {
  const servicePrincipal = {
    accountEnabled: true,
    addIns: [],
    alternativeNames: [],
    appDisplayName: options.displayName,
    appId: options.appId,
    appOwnerOrganizationId: options.ownerTenantId ?? guidFor(`owner:${options.appId}`),
    appRoleAssignmentRequired: false,
    appRoles: [],
    disabledByMicrosoftStatus: null,
    displayName: options.displayName,
    homepage: null,
    id: options.id ?? guidFor(`servicePrincipal:${options.appId}`),
    info: { ...NO_INFORMATIONAL_URLS },
    keyCredentials: [],
    logoutUrl: null,
    oauth2PermissionScopes: [],
    passwordCredentials: [],
    replyUrls: [],
    resourceSpecificApplicationPermissions: [],
    servicePrincipalNames: [],
    servicePrincipalType: null,
    signInAudience: "AzureADMyOrg",
    tags: [],
    tokenEncryptionKeyId: null,
  };
  return servicePrincipal;
}

/** The first-party Partner Center API's service principal, as it appears in a partner tenant. */
export function partnerCenterServicePrincipal(tenantId: string): GraphServicePrincipal {
  return graphServicePrincipal({
    appId: PARTNER_CENTER_APP_ID,
    displayName: "Microsoft Partner Center",
    id: guidFor(`partner-center-sp:${tenantId}`),
    ownerTenantId: "f8cdef31-a31e-4b4a-93e4-5f571e91255a",
  });
}

export function oauth2PermissionGrant(options: {
  clientId: string;
  resourceId: string;
  scope: string;
  consentType?: "AllPrincipals" | "Principal";
  principalId?: string | null;
}): GraphOAuth2PermissionGrant {
  const id = Buffer.from(`${options.clientId}:${options.resourceId}:${options.principalId ?? ""}`)
    .toString("base64url")
    .slice(0, 43);
  const grant = {
    "@odata.id": `https://graph.microsoft.com/v2/${guidFor("tenant")}/oauth2PermissionGrants/${id}`,
    clientId: options.clientId,
    consentType: options.consentType ?? "AllPrincipals",
    id,
    principalId: options.principalId ?? null,
    resourceId: options.resourceId,
    scope: options.scope,
  };
  return grant;
}

const signIn = (at: string | null, seed: string) =>
  at === null ? null : { lastSignInDateTime: at, lastSignInRequestId: guidFor(`request:${seed}:${at}`) };

export function servicePrincipalSignInActivity(options: {
  appId: string;
  lastDelegatedSignIn: string | null;
}): GraphServicePrincipalSignInActivity {
  const activity = {
    appId: options.appId,
    applicationAuthenticationClientSignInActivity: signIn(null, "aac"),
    applicationAuthenticationResourceSignInActivity: signIn(null, "aar"),
    delegatedClientSignInActivity: signIn(options.lastDelegatedSignIn, `dc:${options.appId}`),
    delegatedResourceSignInActivity: signIn(null, "dr"),
    id: Buffer.from(options.appId).toString("base64"),
    lastSignInActivity: signIn(options.lastDelegatedSignIn, `last:${options.appId}`),
  };
  return activity;
}

/** A user as the observer selects it; sessions valid and password set since 2026-01-01 unless told. */
export function graphUser(options: {
  userPrincipalName: string;
  accountEnabled?: boolean;
  displayName?: string;
  id?: string;
  signInSessionsValidFromDateTime?: string | null;
  lastPasswordChangeDateTime?: string | null;
}): GraphUser {
  const user = {
    id: options.id ?? guidFor(`user:${options.userPrincipalName}`),
    userPrincipalName: options.userPrincipalName,
    accountEnabled: options.accountEnabled ?? true,
    displayName: options.displayName ?? options.userPrincipalName.split("@")[0] ?? "user",
    signInSessionsValidFromDateTime: options.signInSessionsValidFromDateTime ?? "2026-01-01T00:00:00Z",
    lastPasswordChangeDateTime: options.lastPasswordChangeDateTime ?? "2026-01-01T00:00:00Z",
  };
  return user;
}

export function groupMembership(displayName: string): GraphDirectoryObject {
  const group = {
    "@odata.type": "#microsoft.graph.group",
    id: guidFor(`group:${displayName}`),
    displayName,
    mailEnabled: false,
    securityEnabled: true,
  };
  return group;
}

export function directoryRoleMembership(
  roleTemplateId: string = GLOBAL_ADMINISTRATOR_ROLE_TEMPLATE_ID,
  displayName = "Global Administrator",
): GraphDirectoryObject {
  const role = {
    "@odata.type": "#microsoft.graph.directoryRole",
    id: guidFor(`role:${roleTemplateId}`),
    description: `${displayName} role`,
    displayName,
    roleTemplateId,
  };
  return role;
}

export function userRegistrationDetails(options: {
  user: GraphUser;
  isMfaRegistered: boolean;
}): GraphUserRegistrationDetails {
  const methods = options.isMfaRegistered ? ["microsoftAuthenticatorPush", "softwareOneTimePasscode"] : [];
  const details = {
    id: options.user.id,
    userPrincipalName: options.user.userPrincipalName,
    userDisplayName: options.user.displayName ?? options.user.userPrincipalName,
    isAdmin: true,
    isSsprRegistered: false,
    isSsprEnabled: false,
    isSsprCapable: false,
    isMfaRegistered: options.isMfaRegistered,
    isMfaCapable: options.isMfaRegistered,
    isPasswordlessCapable: false,
    lastUpdatedDateTime: "2026-01-01T00:00:00Z",
    methodsRegistered: methods,
    isSystemPreferredAuthenticationMethodEnabled: true,
    systemPreferredAuthenticationMethods: options.isMfaRegistered ? ["push"] : [],
    userPreferredMethodForSecondaryAuthentication: options.isMfaRegistered ? "push" : "none",
    userType: "member",
  };
  return details;
}

/** What a Conditional Access policy targets and enforces; every list is empty unless told. */
export interface ConditionalAccessPolicyOptions {
  displayName: string;
  state?: "enabled" | "disabled" | "enabledForReportingButNotEnforced";
  includeUsers?: string[];
  excludeUsers?: string[];
  includeGroups?: string[];
  excludeGroups?: string[];
  includeRoles?: string[];
  excludeRoles?: string[];
  includeApplications?: string[];
  excludeApplications?: string[];
  /** `null`: the policy sets no sign-in frequency. */
  signInFrequency?: GraphSignInFrequencySessionControl | null;
  id?: string;
}

/** A sign-in frequency of `value` hours or days (`timeBased`), as the Entra admin center saves it. */
export function signInFrequency(value: number, type: "hours" | "days"): GraphSignInFrequencySessionControl {
  return {
    value,
    type,
    isEnabled: true,
    authenticationType: "primaryAndSecondaryAuthentication",
    frequencyInterval: "timeBased",
  };
}

/** "Every time": no period; Microsoft documents it for risky sign-ins and Intune enrollment. */
export function signInFrequencyEveryTime(): GraphSignInFrequencySessionControl {
  return {
    value: null,
    type: null,
    isEnabled: true,
    authenticationType: "primaryAndSecondaryAuthentication",
    frequencyInterval: "everyTime",
  };
}

/** v1.0 `conditionalAccessPolicy` requiring MFA, with the given targets and sign-in frequency. */
export function conditionalAccessPolicy(
  options: ConditionalAccessPolicyOptions,
): GraphConditionalAccessPolicy {
  const policy = {
    id: options.id ?? guidFor(`policy:${options.displayName}`),
    displayName: options.displayName,
    createdDateTime: "2026-01-01T00:00:00Z",
    modifiedDateTime: "2026-02-01T00:00:00Z",
    state: options.state ?? "enabled",
    conditions: {
      signInRiskLevels: [],
      userRiskLevels: [],
      servicePrincipalRiskLevels: [],
      clientAppTypes: ["all"],
      applications: {
        includeApplications: options.includeApplications ?? ["All"],
        excludeApplications: options.excludeApplications ?? [],
        includeUserActions: [],
        includeAuthenticationContextClassReferences: [],
      },
      users: {
        includeUsers: options.includeUsers ?? [],
        excludeUsers: options.excludeUsers ?? [],
        includeGroups: options.includeGroups ?? [],
        excludeGroups: options.excludeGroups ?? [],
        includeRoles: options.includeRoles ?? [],
        excludeRoles: options.excludeRoles ?? [],
      },
      platforms: null,
      locations: null,
    },
    grantControls: {
      operator: "OR",
      builtInControls: ["mfa"],
      customAuthenticationFactors: [],
      termsOfUse: [],
    },
    sessionControls: {
      applicationEnforcedRestrictions: null,
      persistentBrowser: null,
      cloudAppSecurity: null,
      signInFrequency:
        options.signInFrequency === undefined ? signInFrequency(12, "hours") : options.signInFrequency,
    },
  };
  return policy;
}

/** A Graph error as the observer records it for a tenant or a list. */
export function graphError(status: number, code: string, message: string): GraphError {
  return { status, code, message, requestId: guidFor(`request:${status}:${code}`) };
}
