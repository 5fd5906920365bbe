import { randomBytes, randomUUID } from "node:crypto";
import type { GraphError, ObservedSnapshot, TenantListName } from "../core/snapshot/snapshot.js";

/** A Microsoft Graph object as the emulator keeps it: Graph's JSON, with every field it had. */
export type GraphObject = Record<string, unknown>;

/** One emulated Entra tenant: its directory objects, and how its Graph endpoint misbehaves. */
export interface EmulatedTenant {
  readonly id: string;
  readonly applications: GraphObject[];
  readonly servicePrincipals: GraphObject[];
  readonly oauth2PermissionGrants: GraphObject[];
  readonly servicePrincipalSignInActivities: GraphObject[];
  readonly users: GraphObject[];
  /** Per user object id: the groups and directory roles the user is a direct member of. */
  readonly memberOf: Map<string, GraphObject[]>;
  readonly userRegistrationDetails: GraphObject[];
  /** `identity/conditionalAccess/policies`. */
  readonly conditionalAccessPolicies: GraphObject[];
  /**
   * Lists Graph refuses to read in this tenant, with the refusal (seeded from the snapshot's
   * `errors`, 4xx only): e.g. 403 for policies without Policy.Read.All, or 403
   * `Authentication_RequestFromNonPremiumTenantOrB2CTenant` for the sign-in report.
   */
  readonly listErrors: Map<TenantListName, GraphError>;
  /** Graph answers every request for this tenant with 403 `Authorization_RequestDenied`. */
  forbidden: boolean;
  /** Extra delay before Graph answers any request for this tenant (a slow tenant), in ms. */
  latencyMs: number;
  /** The next `remaining` Graph requests for this tenant are answered 429 with `Retry-After`. */
  readonly throttle: TenantThrottle;
}

/** A tenant Graph throttles: 429 `TooManyRequests` with `Retry-After`, as Graph answers. */
export interface TenantThrottle {
  remaining: number;
  retryAfterSeconds: number;
}

/** An authorization code handed to the redirect URI after consent, redeemable once. */
export interface IssuedCode {
  readonly tenantId: string;
  readonly clientId: string;
  readonly redirectUri: string;
  readonly scope: string;
  readonly userId: string;
}

/** A refresh token: each use returns a new one and counts as a delegated sign-in. */
export interface IssuedRefreshToken {
  readonly tenantId: string;
  readonly clientId: string;
  readonly scope: string;
  readonly userId: string;
  /** When it was issued: it dies after 90 days without use (docs/statuses.md#the-90-days). */
  readonly issuedAt: Date;
}

/** The steps of Entra's interactive sign-in, in order, ending on the permissions page. */
export type SignInStep = "account" | "password" | "mfa" | "consent";

/**
 * One interactive sign-in started by opening a consent link: the authorize request it serves (checked
 * when it started) and how far the person got. Its id travels in the pages' forms, as Entra's flow
 * token does, so a step cannot be skipped by posting a later form.
 */
export interface SignInFlow {
  readonly tenantId: string;
  readonly clientId: string;
  readonly redirectUri: string;
  readonly scope: string;
  readonly state: string | undefined;
  readonly loginHint: string | undefined;
  /** The authorize URL that started it: where "sign in with a different account" leads. */
  readonly startUrl: string;
  step: SignInStep;
  /** The account named at the account step. */
  userId?: string;
  /** The code the emulated Authenticator app shows at the MFA step. */
  mfaCode?: string;
}

/** Where the browser was sent after Accept or Cancel, kept for the emulator's result page. */
export interface ConsentResult {
  readonly outcome: "granted" | "declined";
  /** The redirect URI with `code`, `state`, `session_state`, or `error`, `error_description`, `state`. */
  readonly redirectUrl: string;
  readonly tenantId: string;
  readonly appId: string;
  readonly appName: string;
  readonly userPrincipalName: string;
  /** Partner Center permissions granted (empty when declined). */
  readonly scopes: readonly string[];
  readonly forOrganisation: boolean;
  readonly at: Date;
}

/**
 * After Accept or Cancel: `result-page` sends the browser to the emulator's page that shows where it
 * would go and what the BSS does next (the redirect URI's host does not exist on this machine);
 * `redirect` sends it straight to the redirect URI, as Entra does.
 */
export type ConsentLanding = "result-page" | "redirect";

/** Everything the emulator knows; tests read and change it directly. */
export interface EmulatorState {
  readonly tenants: Map<string, EmulatedTenant>;
  /** Daemon apps allowed the client-credentials grant in every tenant: client id → secret. */
  readonly clients: Map<string, string>;
  readonly codes: Map<string, IssuedCode>;
  readonly refreshTokens: Map<string, IssuedRefreshToken>;
  /** Interactive sign-ins in progress, by flow id (the oldest are dropped past a few hundred). */
  readonly signInFlows: Map<string, SignInFlow>;
  /** Outcomes of finished consents, by id, for the result page (the oldest are dropped). */
  readonly consentResults: Map<string, ConsentResult>;
  readonly consentLanding: ConsentLanding;
  /** Key that signs the emulator's access tokens (HMAC); new at every start. */
  readonly signingKey: Buffer;
  readonly now: () => Date;
  /** What reached the emulator, for tests and benchmarks that count round trips. */
  readonly counters: EmulatorCounters;
}

export interface EmulatorCounters {
  /** HTTP requests to Graph (a `$batch` counts once). */
  graphRequests: number;
  /** Requests inside `$batch` bodies. */
  graphBatchedRequests: number;
  tokenRequests: number;
  /** Requests for a tenant's OpenID configuration (MSAL's endpoint discovery). */
  metadataRequests: number;
}

export interface EmulatorStateOptions {
  readonly clients?: Readonly<Record<string, string>>;
  readonly now?: () => Date;
  readonly consentLanding?: ConsentLanding;
}

/**
 * Builds the emulator's state from a snapshot (docs/snapshot.md format). A tenant whose snapshot
 * entry is a 403 error is emulated as a tenant that denies access; a list whose `errors` entry is a
 * 4xx is refused with that error. The snapshot is copied, never shared.
 */
export function createEmulatorState(
  seed: ObservedSnapshot,
  options: EmulatorStateOptions = {},
): EmulatorState {
  const tenants = new Map<string, EmulatedTenant>();
  for (const [tenantId, observed] of Object.entries(seed.tenants)) {
    const copy = structuredClone(observed) as unknown as Record<string, unknown>;
    const list = (name: string): GraphObject[] =>
      Array.isArray(copy[name]) ? (copy[name] as GraphObject[]) : [];
    const memberOf = (copy.memberOf ?? {}) as Record<string, GraphObject[]>;
    tenants.set(tenantId.toLowerCase(), {
      id: tenantId.toLowerCase(),
      applications: list("applications"),
      servicePrincipals: list("servicePrincipals"),
      oauth2PermissionGrants: list("oauth2PermissionGrants"),
      servicePrincipalSignInActivities: list("servicePrincipalSignInActivities"),
      users: list("users"),
      memberOf: new Map(Object.entries(memberOf).map(([id, entries]) => [id.toLowerCase(), entries])),
      userRegistrationDetails: list("userRegistrationDetails"),
      conditionalAccessPolicies: list("conditionalAccessPolicies"),
      listErrors: new Map(
        Object.entries(observed.errors ?? {}).filter(
          (entry): entry is [TenantListName, GraphError] =>
            entry[1] !== undefined && (entry[1].status ?? 0) >= 400 && (entry[1].status ?? 0) < 500,
        ),
      ),
      forbidden: observed.error?.status === 403,
      latencyMs: 0,
      throttle: { remaining: 0, retryAfterSeconds: 1 },
    });
  }
  return {
    tenants,
    clients: new Map(Object.entries(options.clients ?? {})),
    codes: new Map(),
    refreshTokens: new Map(),
    signInFlows: new Map(),
    consentResults: new Map(),
    consentLanding: options.consentLanding ?? "result-page",
    signingKey: randomBytes(32),
    now: options.now ?? (() => new Date()),
    counters: { graphRequests: 0, graphBatchedRequests: 0, tokenRequests: 0, metadataRequests: 0 },
  };
}

export function findTenant(state: EmulatorState, tenantId: string): EmulatedTenant | undefined {
  return state.tenants.get(tenantId.toLowerCase());
}

/** A user by object id or by user principal name (case-insensitive, as Entra compares UPNs). */
export function findUser(tenant: EmulatedTenant, idOrUpn: string): GraphObject | undefined {
  const key = idOrUpn.toLowerCase();
  return tenant.users.find(
    (user) =>
      textField(user, "id").toLowerCase() === key ||
      textField(user, "userPrincipalName").toLowerCase() === key,
  );
}

export function findByAppId(objects: readonly GraphObject[], appId: string): GraphObject | undefined {
  const key = appId.toLowerCase();
  return objects.find((object) => textField(object, "appId").toLowerCase() === key);
}

/** A string field of a Graph object, or `""` when it is missing or not a string. */
export function textField(object: GraphObject, name: string): string {
  const value = object[name];
  return typeof value === "string" ? value : "";
}

export function newObjectId(): string {
  return randomUUID();
}
