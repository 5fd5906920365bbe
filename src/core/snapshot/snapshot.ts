/**
 * The observed snapshot (docs/snapshot.md): raw Microsoft Graph objects grouped by tenant, as
 * `schemas/observed-snapshot.schema.json` accepts them. Only the fields the planner reads are named
 * here; Graph's other fields may be present and are ignored. A missing tenant or list means "not
 * observed", never "absent".
 */
export interface ObservedSnapshot {
  readonly schemaVersion: 1;
  /** When the observation finished (ISO 8601). */
  readonly observedAt: string;
  /** Only in a shard's snapshot (`observe --shard I/N`): which share of the tenants it holds. */
  readonly shard?: SnapshotShard;
  /** Keyed by partner tenant id (a GUID, any case). */
  readonly tenants: Readonly<Record<string, TenantObservation>>;
}

/**
 * Which shard a snapshot holds (docs/snapshot.md#shards): the `index`-th of `count` shares of the
 * tenants, split by tenant id, of the instance set whose fingerprint is `instanceSet`.
 */
export interface SnapshotShard {
  readonly index: number;
  readonly count: number;
  /** `sha256:` and 64 hex digits: the hash of every instance's observed inputs, all shards alike. */
  readonly instanceSet: string;
}

/** Names of the lists a tenant observation may carry; each may be missing on its own. */
export type TenantListName =
  | "applications"
  | "servicePrincipals"
  | "oauth2PermissionGrants"
  | "servicePrincipalSignInActivities"
  | "users"
  | "memberOf"
  | "userRegistrationDetails"
  | "conditionalAccessPolicies";

/** What was observed in one tenant. */
export interface TenantObservation {
  readonly applications?: readonly GraphApplication[];
  readonly servicePrincipals?: readonly GraphServicePrincipal[];
  readonly oauth2PermissionGrants?: readonly GraphOAuth2PermissionGrant[];
  /** beta `reports/servicePrincipalSignInActivities`. */
  readonly servicePrincipalSignInActivities?: readonly GraphServicePrincipalSignInActivity[];
  readonly users?: readonly GraphUser[];
  /** Per user object id: `/users/{id}/memberOf`. */
  readonly memberOf?: Readonly<Record<string, readonly GraphDirectoryObject[]>>;
  readonly userRegistrationDetails?: readonly GraphUserRegistrationDetails[];
  /** v1.0 `identity/conditionalAccess/policies` (needs Policy.Read.All; optional in older snapshots). */
  readonly conditionalAccessPolicies?: readonly GraphConditionalAccessPolicy[];
  /** The tenant could not be read at all (e.g. 403 `Authorization_RequestDenied`). */
  readonly error?: GraphError;
  /** Why a particular list is missing. */
  readonly errors?: Readonly<Partial<Record<TenantListName, GraphError>>>;
  /**
   * Lists Microsoft does not offer where the tenant is (e.g. the beta sign-in report in the China
   * cloud): not asked for, so neither observed nor an error.
   */
  readonly unavailable?: Readonly<Partial<Record<TenantListName, Unavailable>>>;
}

/** Why a list was not asked for. */
export interface Unavailable {
  /** `NotAvailableInCloud`. */
  readonly code: string;
  readonly message: string;
}

export interface GraphError {
  readonly status?: number;
  readonly code: string;
  readonly message: string;
  readonly requestId?: string;
}

/** `403 Authorization_RequestDenied: Insufficient privileges…`, as reports and logs show an error. */
export function describeGraphError(error: GraphError): string {
  const facts = error.status === undefined ? error.code : `${error.status} ${error.code}`;
  return `${facts}: ${error.message}`;
}

/** `microsoft.graph.application`. */
export interface GraphApplication {
  readonly id: string;
  readonly appId: string;
  readonly displayName: string | null;
  readonly createdDateTime?: string | null;
  /** `AzureADMyOrg` (single tenant), `AzureADMultipleOrgs` (multitenant), …; absent in older snapshots. */
  readonly signInAudience?: string | null;
  readonly tags: readonly string[];
  readonly web: { readonly redirectUris: readonly string[] };
  readonly requiredResourceAccess: readonly GraphRequiredResourceAccess[];
  readonly passwordCredentials: readonly GraphPasswordCredential[];
}

export interface GraphRequiredResourceAccess {
  readonly resourceAppId: string;
  readonly resourceAccess: readonly { readonly id: string; readonly type: string }[];
}

/** `microsoft.graph.passwordCredential`: the Key's metadata. `secretText` is always null here. */
export interface GraphPasswordCredential {
  readonly keyId?: string;
  readonly displayName?: string | null;
  readonly hint?: string | null;
  readonly startDateTime?: string | null;
  /** Null: the password does not expire. */
  readonly endDateTime: string | null;
  readonly secretText?: null;
}

/** `microsoft.graph.servicePrincipal`. */
export interface GraphServicePrincipal {
  readonly id: string;
  readonly appId: string;
  readonly displayName?: string | null;
}

/** `microsoft.graph.oAuth2PermissionGrant`: a delegated permission grant. */
export interface GraphOAuth2PermissionGrant {
  readonly id?: string;
  /** Object id of the client's service principal. */
  readonly clientId: string;
  /** `AllPrincipals` (admin consent for everyone) or `Principal` (one user, `principalId`). */
  readonly consentType: string;
  readonly principalId?: string | null;
  /** Object id of the resource's service principal. */
  readonly resourceId: string;
  /** Space-separated delegated permissions. */
  readonly scope: string | null;
}

export interface GraphSignInActivity {
  readonly lastSignInDateTime?: string | null;
  readonly lastSignInRequestId?: string | null;
}

/** beta `microsoft.graph.servicePrincipalSignInActivity`. */
export interface GraphServicePrincipalSignInActivity {
  readonly id?: string;
  readonly appId: string;
  /** The app signing in on behalf of a user: the use that keeps the refresh token alive. */
  readonly delegatedClientSignInActivity?: GraphSignInActivity | null;
  readonly lastSignInActivity?: GraphSignInActivity | null;
}

/** `microsoft.graph.user` as the observer selects it. */
export interface GraphUser {
  readonly id: string;
  readonly userPrincipalName: string;
  readonly accountEnabled: boolean;
  readonly displayName?: string | null;
  /** Refresh tokens issued before this instant are refused (set by "revoke sessions"). */
  readonly signInSessionsValidFromDateTime?: string | null;
  readonly lastPasswordChangeDateTime?: string | null;
}

/** An entry of `memberOf`: `#microsoft.graph.group`, `#microsoft.graph.directoryRole`, … */
export interface GraphDirectoryObject {
  readonly "@odata.type": string;
  readonly id?: string;
  readonly displayName?: string | null;
  readonly roleTemplateId?: string | null;
}

/** `microsoft.graph.userRegistrationDetails`. */
export interface GraphUserRegistrationDetails {
  readonly id: string;
  readonly userPrincipalName?: string | null;
  readonly isMfaRegistered: boolean;
  readonly methodsRegistered?: readonly string[];
}

/** v1.0 `microsoft.graph.conditionalAccessPolicy`: only what the planner reads is named. */
export interface GraphConditionalAccessPolicy {
  readonly id: string;
  readonly displayName?: string | null;
  /** `enabled`, `disabled` or `enabledForReportingButNotEnforced` (report-only). */
  readonly state: string;
  readonly conditions?: {
    readonly users?: GraphConditionalAccessUsers | null;
    readonly applications?: GraphConditionalAccessApplications | null;
  } | null;
  readonly sessionControls?: {
    readonly signInFrequency?: GraphSignInFrequencySessionControl | null;
  } | null;
}

/** `conditionalAccessUsers`: ids, `All`, `None`, `GuestsOrExternalUsers`; role template ids. */
export interface GraphConditionalAccessUsers {
  readonly includeUsers?: readonly string[];
  readonly excludeUsers?: readonly string[];
  readonly includeGroups?: readonly string[];
  readonly excludeGroups?: readonly string[];
  readonly includeRoles?: readonly string[];
  readonly excludeRoles?: readonly string[];
}

/** `conditionalAccessApplications`: app ids, `All`, `None`, `Office365`, … */
export interface GraphConditionalAccessApplications {
  readonly includeApplications?: readonly string[];
  readonly excludeApplications?: readonly string[];
}

/** `signInFrequencySessionControl`. */
export interface GraphSignInFrequencySessionControl {
  readonly isEnabled?: boolean | null;
  readonly value?: number | null;
  /** `days` or `hours`. */
  readonly type?: string | null;
  readonly authenticationType?: string | null;
  /** `timeBased` or `everyTime`. */
  readonly frequencyInterval?: string | null;
}

export const SNAPSHOT_SCHEMA_VERSION = 1;
