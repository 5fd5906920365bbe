import { INSTANCE_TAG_PREFIX } from "../instance/identifiers.js";
import type {
  GraphApplication,
  GraphDirectoryObject,
  GraphOAuth2PermissionGrant,
  GraphServicePrincipal,
  GraphServicePrincipalSignInActivity,
  GraphUser,
  GraphUserRegistrationDetails,
  TenantObservation,
} from "../snapshot/snapshot.js";

/** Finds by a lower-cased key (GUIDs and UPNs are compared without case). */
export interface Lookup<V> {
  get(key: string): V | undefined;
}

/** Lists up to this long are scanned; longer ones get a map. Most tenants hold one instance. */
const SCAN_LIMIT = 16;

/**
 * One tenant's observation, prepared once so that planning an instance costs lookups only (the
 * planner stays linear in the number of instances). A lookup is `undefined` when its list was not
 * observed: unknown, not empty. Each lookup is built on first use, as a map for long lists.
 */
export class TenantIndex {
  readonly observation: TenantObservation;
  #applicationsByInstanceTag: Lookup<readonly GraphApplication[]> | undefined;
  #applicationsByAppId: Lookup<GraphApplication> | undefined;
  #servicePrincipalsByAppId: Lookup<GraphServicePrincipal> | undefined;
  #grantsByClientId: Lookup<readonly GraphOAuth2PermissionGrant[]> | undefined;
  #signInsByAppId: Lookup<GraphServicePrincipalSignInActivity> | undefined;
  #usersByPrincipalName: Lookup<GraphUser> | undefined;
  #memberOfByUserId: Lookup<readonly GraphDirectoryObject[]> | undefined;
  #registrationsByUserId: Lookup<GraphUserRegistrationDetails> | undefined;

  constructor(observation: TenantObservation) {
    this.observation = observation;
  }

  /** Applications per `cspops:instance:<name>` tag. */
  get applicationsByInstanceTag(): Lookup<readonly GraphApplication[]> | undefined {
    const apps = this.observation.applications;
    if (apps === undefined) return undefined;
    this.#applicationsByInstanceTag ??= byInstanceTag(apps);
    return this.#applicationsByInstanceTag;
  }

  get applicationsByAppId(): Lookup<GraphApplication> | undefined {
    const apps = this.observation.applications;
    if (apps === undefined) return undefined;
    this.#applicationsByAppId ??= keyed(apps, (app) => app.appId);
    return this.#applicationsByAppId;
  }

  get servicePrincipalsByAppId(): Lookup<GraphServicePrincipal> | undefined {
    const sps = this.observation.servicePrincipals;
    if (sps === undefined) return undefined;
    this.#servicePrincipalsByAppId ??= keyed(sps, (sp) => sp.appId);
    return this.#servicePrincipalsByAppId;
  }

  /** Grants per client service principal object id. */
  get grantsByClientId(): Lookup<readonly GraphOAuth2PermissionGrant[]> | undefined {
    const grants = this.observation.oauth2PermissionGrants;
    if (grants === undefined) return undefined;
    this.#grantsByClientId ??= grouped(grants, (grant) => grant.clientId);
    return this.#grantsByClientId;
  }

  get signInsByAppId(): Lookup<GraphServicePrincipalSignInActivity> | undefined {
    const activities = this.observation.servicePrincipalSignInActivities;
    if (activities === undefined) return undefined;
    this.#signInsByAppId ??= keyed(activities, (activity) => activity.appId);
    return this.#signInsByAppId;
  }

  get usersByPrincipalName(): Lookup<GraphUser> | undefined {
    const users = this.observation.users;
    if (users === undefined) return undefined;
    this.#usersByPrincipalName ??= keyed(users, (user) => user.userPrincipalName);
    return this.#usersByPrincipalName;
  }

  get memberOfByUserId(): Lookup<readonly GraphDirectoryObject[]> | undefined {
    const memberOf = this.observation.memberOf;
    if (memberOf === undefined) return undefined;
    // Keys are user object ids, compared without case like every lookup: lower-cased once here,
    // rather than scanning every user on each lookup.
    this.#memberOfByUserId ??= new Map(
      Object.entries(memberOf).map(([userId, objects]) => [userId.toLowerCase(), objects]),
    );
    return this.#memberOfByUserId;
  }

  get registrationsByUserId(): Lookup<GraphUserRegistrationDetails> | undefined {
    const details = this.observation.userRegistrationDetails;
    if (details === undefined) return undefined;
    this.#registrationsByUserId ??= keyed(details, (detail) => detail.id);
    return this.#registrationsByUserId;
  }
}

export function indexTenant(observation: TenantObservation): TenantIndex {
  return new TenantIndex(observation);
}

/** The first item per key wins, as Graph lists them; duplicates by key are not expected. */
function keyed<T>(items: readonly T[], key: (item: T) => string): Lookup<T> {
  if (items.length <= SCAN_LIMIT)
    return { get: (wanted) => items.find((item) => key(item).toLowerCase() === wanted) };
  const map = new Map<string, T>();
  for (const item of items) {
    const k = key(item).toLowerCase();
    if (!map.has(k)) map.set(k, item);
  }
  return map;
}

function grouped<T>(items: readonly T[], key: (item: T) => string): Lookup<readonly T[]> {
  if (items.length <= SCAN_LIMIT) {
    return {
      get: (wanted) => {
        const found = items.filter((item) => key(item).toLowerCase() === wanted);
        return found.length === 0 ? undefined : found;
      },
    };
  }
  const map = new Map<string, T[]>();
  for (const item of items) {
    const k = key(item).toLowerCase();
    const group = map.get(k);
    if (group === undefined) map.set(k, [item]);
    else group.push(item);
  }
  return map;
}

/** Tags are matched exactly: the Pulumi program writes them. */
function byInstanceTag(applications: readonly GraphApplication[]): Lookup<readonly GraphApplication[]> {
  if (applications.length <= SCAN_LIMIT) {
    return {
      get: (tag) => {
        const found = applications.filter((app) => app.tags.includes(tag));
        return found.length === 0 ? undefined : found;
      },
    };
  }
  const map = new Map<string, GraphApplication[]>();
  for (const app of applications) {
    for (const tag of app.tags) {
      if (!tag.startsWith(INSTANCE_TAG_PREFIX)) continue;
      const group = map.get(tag);
      if (group === undefined) map.set(tag, [app]);
      else if (!group.includes(app)) group.push(app);
    }
  }
  return map;
}
