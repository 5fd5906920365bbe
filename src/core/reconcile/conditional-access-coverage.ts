import { PARTNER_CENTER_APP_ID } from "../instance/identifiers.js";
import type {
  GraphConditionalAccessPolicy,
  GraphDirectoryObject,
  GraphSignInFrequencySessionControl,
} from "../snapshot/snapshot.js";

/** Whether a policy's condition takes in the admin agent (or the app); `unknown` when a list was not observed. */
export type Coverage = "yes" | "no" | "unknown";

/** What a users condition can name the admin agent by. `undefined`: not observed. */
export interface AgentIdentity {
  readonly id: string | undefined;
  /** Object ids of the groups the agent is a direct member of (`memberOf`). */
  readonly groupIds: ReadonlySet<string> | undefined;
  /** Role template ids of the directory roles the agent holds (`memberOf`). */
  readonly roleTemplateIds: ReadonlySet<string> | undefined;
}

export function agentIdentity(
  id: string | undefined,
  memberships: readonly GraphDirectoryObject[] | undefined,
): AgentIdentity {
  if (memberships === undefined) return { id, groupIds: undefined, roleTemplateIds: undefined };
  const ids = (type: string, pick: (entry: GraphDirectoryObject) => string | null | undefined) =>
    new Set(
      memberships
        .filter((entry) => entry["@odata.type"] === type)
        .flatMap((entry) => pick(entry)?.toLowerCase() ?? []),
    );
  return {
    id,
    groupIds: ids("#microsoft.graph.group", (entry) => entry.id),
    roleTemplateIds: ids("#microsoft.graph.directoryRole", (entry) => entry.roleTemplateId),
  };
}

/**
 * Does the users condition take in the agent? `includeUsers` `All` or the agent's id, a group of
 * theirs in `includeGroups`, or a role of theirs in `includeRoles`; the `exclude*` lists win.
 * Groups are the agent's direct memberships: a policy naming a group that contains one of them is
 * not seen.
 */
export function coversAgent(policy: GraphConditionalAccessPolicy, agent: AgentIdentity): Coverage {
  const users = policy.conditions?.users;
  if (users === undefined || users === null) return "no";
  const includesAll = lowered(users.includeUsers).includes("all") ? "yes" : "no";
  const included = anyOf([
    includesAll,
    listed(users.includeUsers, agent.id === undefined ? undefined : new Set([agent.id.toLowerCase()])),
    listed(users.includeGroups, agent.groupIds),
    listed(users.includeRoles, agent.roleTemplateIds),
  ]);
  const excluded = anyOf([
    listed(users.excludeUsers, agent.id === undefined ? undefined : new Set([agent.id.toLowerCase()])),
    listed(users.excludeGroups, agent.groupIds),
    listed(users.excludeRoles, agent.roleTemplateIds),
  ]);
  if (excluded === "yes" || included === "no") return "no";
  return included === "yes" && excluded === "no" ? "yes" : "unknown";
}

/** `includeApplications` `All` or the Partner Center API's app id, and not excluded. */
export function coversPartnerCenter(policy: GraphConditionalAccessPolicy): boolean {
  const applications = policy.conditions?.applications;
  const included = lowered(applications?.includeApplications);
  return (
    (included.includes("all") || included.includes(PARTNER_CENTER_APP_ID)) &&
    !lowered(applications?.excludeApplications).includes(PARTNER_CENTER_APP_ID)
  );
}

/** How often a sign-in frequency control forces a new interactive sign-in. */
export type ForcedSignIn =
  | { readonly kind: "every-time" }
  | { readonly kind: "period"; readonly hours: number };

/** The policy's enabled sign-in frequency, in hours, or every time; `undefined` when it has none. */
export function forcedSignIn(
  control: GraphSignInFrequencySessionControl | null | undefined,
): ForcedSignIn | undefined {
  if (control === null || control === undefined || control.isEnabled !== true) return undefined;
  if (control.frequencyInterval === "everyTime") return { kind: "every-time" };
  const value = control.value;
  if (typeof value !== "number" || !(value > 0)) return undefined;
  if (control.type === "hours") return { kind: "period", hours: value };
  if (control.type === "days") return { kind: "period", hours: value * 24 };
  return undefined;
}

/** `every sign-in`, `12 hours`, `30 days`. */
export function describeForcedSignIn(forced: ForcedSignIn): string {
  if (forced.kind === "every-time") return "at every sign-in";
  const { hours } = forced;
  if (hours % 24 === 0) return `every ${hours / 24} day${hours === 24 ? "" : "s"}`;
  return `every ${hours} hour${hours === 1 ? "" : "s"}`;
}

function listed(
  values: readonly string[] | undefined,
  agentValues: ReadonlySet<string> | undefined,
): Coverage {
  const wanted = lowered(values);
  if (wanted.length === 0) return "no";
  if (agentValues === undefined) return "unknown";
  return wanted.some((value) => agentValues.has(value)) ? "yes" : "no";
}

function anyOf(coverages: readonly Coverage[]): Coverage {
  if (coverages.includes("yes")) return "yes";
  return coverages.includes("unknown") ? "unknown" : "no";
}

function lowered(values: readonly string[] | null | undefined): string[] {
  return (values ?? []).map((value) => value.toLowerCase());
}
