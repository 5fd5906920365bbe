import type {
  GraphError as ObservedError,
  TenantListName,
  TenantObservation,
  Unavailable,
} from "../../core/snapshot/snapshot.js";
import type { ReadOutcome } from "./batch-reader.js";

type Outcomes = ReadonlyMap<string, ReadOutcome>;
type GraphObject = Readonly<Record<string, unknown>>;

/** A list, or why it could not be read. */
type ListResult<T> =
  | { readonly ok: true; readonly value: T }
  | { readonly ok: false; readonly error: ObservedError };

/**
 * Builds one tenant's observation from the reads' outcomes. A list is kept only when every read
 * behind it succeeded: a partial list could make a present object look absent, so it is left out
 * and its error recorded instead. A 404 for a user means the user does not exist; for the grants
 * of an app it means the app has no service principal.
 *
 * Which failures stay with their list: the lasting ones (403 for a missing permission, 400), so
 * the report can name the permission to grant. A transient failure that outlasted the retries
 * (429, 5xx, timeout, dropped connection) makes the whole tenant an `error`: it says nothing
 * about a list in particular, and a half-read tenant is the likeliest to be misjudged. So is a
 * tenant of which no list could be read.
 *
 * Lists the tenant's cloud does not offer were not asked for: they are recorded as `unavailable`,
 * neither observed nor failed.
 */
export function assembleTenant(
  outcomes: Outcomes,
  adminAgents: readonly string[],
  unavailable: Readonly<Partial<Record<TenantListName, Unavailable>>> = {},
): TenantObservation {
  const users = collectUsers(outcomes, adminAgents);
  const applications = union(outcomes, "app:", "id");
  // Without the apps, the lists read for each app are incomplete; without the users, so are
  // the memberships (keyed by the user's id): they share the failure that cut them short.
  const ofApps = <T>(list: ListResult<T>): ListResult<T> => (applications.ok ? list : applications);
  const all: { readonly [K in TenantListName]: ListResult<unknown> } = {
    applications,
    servicePrincipals: ofApps(union(outcomes, ["pc-sp", "sp:"], "id")),
    oauth2PermissionGrants: ofApps(union(outcomes, "grants:", "id", { notFoundIsEmpty: true })),
    servicePrincipalSignInActivities: ofApps(union(outcomes, "signIn:", "appId")),
    users: users.ok ? { ok: true, value: [...users.value.values()] } : users,
    memberOf: users.ok ? collectMemberships(outcomes, adminAgents, users.value) : users,
    userRegistrationDetails: union(outcomes, "mfa:", "id"),
    conditionalAccessPolicies: union(outcomes, "ca-policies", "id"),
  };
  const lists = Object.fromEntries(
    Object.entries(all).filter(([name]) => unavailable[name as TenantListName] === undefined),
  ) as Partial<typeof all>;
  const observed: Record<string, unknown> = {};
  const errors: Partial<Record<TenantListName, ObservedError>> = {};
  for (const [name, result] of Object.entries(lists) as [TenantListName, ListResult<unknown>][]) {
    if (result.ok) observed[name] = result.value;
    else errors[name] = result.error;
  }
  const failures = Object.values(errors);
  const transient = failures.find(isTransient);
  if (transient !== undefined) return { error: transient };
  if (failures.length === Object.keys(lists).length && failures[0] !== undefined) {
    return { error: mostTelling(failures) };
  }
  return {
    ...observed,
    ...(failures.length > 0 ? { errors } : {}),
    ...(Object.keys(unavailable).length > 0 ? { unavailable } : {}),
  } as TenantObservation;
}

function union(
  outcomes: Outcomes,
  prefixes: string | readonly string[],
  identity: string,
  options: { notFoundIsEmpty?: boolean } = {},
): ListResult<GraphObject[]> {
  const wanted = typeof prefixes === "string" ? [prefixes] : prefixes;
  const byIdentity = new Map<string, GraphObject>();
  for (const [key, outcome] of outcomes) {
    if (!wanted.some((prefix) => key.startsWith(prefix))) continue;
    if (!outcome.ok) {
      if (options.notFoundIsEmpty === true && outcome.error.status === 404) continue;
      return { ok: false, error: outcome.error };
    }
    for (const item of (outcome.values ?? []) as GraphObject[]) {
      const id = item[identity];
      byIdentity.set(typeof id === "string" ? id.toLowerCase() : `#${byIdentity.size}`, sanitise(item));
    }
  }
  return { ok: true, value: [...byIdentity.values()] };
}

/** Admin agents by UPN as written in the YAML. */
function collectUsers(
  outcomes: Outcomes,
  adminAgents: readonly string[],
): ListResult<Map<string, GraphObject>> {
  const read = readPerAgent(outcomes, adminAgents, "user:");
  if (!read.ok) return read;
  const users = new Map<string, GraphObject>();
  for (const [upn, { body }] of read.value) {
    const { "@odata.context": _context, ...user } = body;
    users.set(upn, user);
  }
  return { ok: true, value: users };
}

/** `memberOf` per user object id; read by UPN, so the id comes from the user read. */
function collectMemberships(
  outcomes: Outcomes,
  adminAgents: readonly string[],
  users: ReadonlyMap<string, GraphObject>,
): ListResult<Record<string, GraphObject[]>> {
  const read = readPerAgent(outcomes, adminAgents, "memberOf:");
  if (!read.ok) return read;
  const memberOf: Record<string, GraphObject[]> = {};
  for (const [upn, { values }] of read.value) {
    const id = users.get(upn)?.id;
    if (typeof id === "string") memberOf[id] = (values ?? []) as GraphObject[];
  }
  return { ok: true, value: memberOf };
}

/** Each admin agent's successful read `prefix + upn`; a 404 leaves the agent out (they do not exist). */
function readPerAgent(
  outcomes: Outcomes,
  adminAgents: readonly string[],
  prefix: string,
): ListResult<[string, Extract<ReadOutcome, { ok: true }>][]> {
  const read: [string, Extract<ReadOutcome, { ok: true }>][] = [];
  for (const upn of adminAgents) {
    const outcome = outcomes.get(`${prefix}${upn}`);
    if (outcome === undefined) continue;
    if (outcome.ok) read.push([upn, outcome]);
    else if (outcome.error.status !== 404) return { ok: false, error: outcome.error };
  }
  return { ok: true, value: read };
}

/** A Key's metadata without its `hint` (the secret's first characters) or any `secretText`. */
function sanitise(item: GraphObject): GraphObject {
  if (!Array.isArray(item.passwordCredentials)) return item;
  const passwordCredentials = (item.passwordCredentials as GraphObject[]).map(
    ({ hint: _hint, secretText: _secretText, ...credential }) => credential,
  );
  return { ...item, passwordCredentials };
}

function isTransient(error: ObservedError): boolean {
  return error.status === undefined || error.status === 408 || error.status === 429 || error.status >= 500;
}

/** For a tenant that could not be read at all: an authorisation failure explains more than a 5xx. */
function mostTelling(failures: readonly ObservedError[]): ObservedError {
  return (
    failures.find((error) => error.status === 401 || error.status === 403) ??
    failures.find((error) => error.code === "Timeout") ??
    (failures[0] as ObservedError)
  );
}
