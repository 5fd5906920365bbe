import { ADMIN_AGENTS_GROUP_NAME, GLOBAL_ADMINISTRATOR_ROLE_TEMPLATE_ID } from "../instance/identifiers.js";
import type { GraphDirectoryObject, TenantListName } from "../snapshot/snapshot.js";
import { adminAgent, tenantAdministrator } from "./actors.js";
import type { InstanceContext } from "./context.js";
import { missingListFinding } from "./observation-gaps.js";
import { compareStatusSeverity, type Finding, type ReconcileStatus } from "./report.js";

/**
 * Why the agent matters now: consent is needed (problems block), only later (problems warn), not
 * at all, or `unknown` because the lists that would tell whether it is needed were not observed.
 */
export type ConsentNeed = "needed" | "soon" | "not-needed" | "unknown";

type AgentList = Extract<TenantListName, "users" | "memberOf" | "userRegistrationDetails">;

/** What the agent check saw, in the order it looks: a sure problem, or something it could not see. */
type Observation =
  | { readonly kind: "problem"; readonly code: string; readonly message: string; readonly actor: string }
  | { readonly kind: "gap"; readonly list: AgentList; readonly what: string }
  | { readonly kind: "mfa-unknown" };

/**
 * Can the admin agent give a useful consent? They must exist, be enabled, be an admin agent
 * (AdminAgents group) or a Global Administrator, and have an MFA method registered: Partner Center
 * refuses App+User calls without MFA from 2026-04-01. Problems make the instance `blocked` only when
 * consent is actually needed; otherwise they are warnings about the next consent.
 *
 * When consent is needed, the agent decides between `blocked` and `needs-consent` (or
 * `consent-expired`), so what could not be seen about them (a list not observed, no MFA record)
 * makes the instance `unknown`: unless a problem that blocks for sure was found anyway, or
 * `statusSoFar` (what the other findings already call for) outranks `blocked`.
 *
 * A disabled agent blocks whatever the need while a grant exists: Entra refuses the token the BSS
 * holds for them (AADSTS50057), and they cannot consent again.
 */
export function checkAdminAgent(
  context: InstanceContext,
  need: ConsentNeed,
  statusSoFar: ReconcileStatus,
  granted = false,
): readonly Finding[] {
  const seen = observeAgent(context);
  const sure = seen.some((item) => item.kind === "problem");
  const decides = need === "needed" && !sure && compareStatusSeverity(statusSoFar, "blocked") > 0;
  const upn = context.instance.spec.consent.adminAgent;
  return seen.flatMap((item): Finding[] => {
    if (item.kind === "problem") {
      if (item.code === "agent.disabled" && granted && need !== "needed") return [disabledWithGrant(item)];
      return [problemFinding(item, need)];
    }
    // Only a consent that is needed (now or soon) makes the unseen worth a line in the report.
    if (need === "not-needed" || need === "unknown") return [];
    if (item.kind === "gap") {
      const consequence = `${item.what} of admin agent ${upn} cannot be checked${decides ? ", nor, therefore, whether the consent can succeed" : ""}`;
      return [missingListFinding(context, item.list, consequence, decides ? "unknown" : undefined)];
    }
    const finding: Finding = {
      code: "agent.mfa-unknown",
      severity: decides ? "error" : "warning",
      message: `Microsoft Graph has no MFA registration details for admin agent ${upn}, so whether they can complete MFA is unknown. ${upn} should make sure an MFA method is registered (https://aka.ms/mfasetup) before consenting.`,
      actor: adminAgent(context.instance),
    };
    return [decides ? { ...finding, status: "unknown" } : finding];
  });
}

function problemFinding(item: Extract<Observation, { kind: "problem" }>, need: ConsentNeed): Finding {
  const { code, actor } = item;
  if (need === "needed") {
    const message = `${item.message} Until then the consent link cannot succeed.`;
    return { code, severity: "error", status: "blocked", message, actor };
  }
  const now =
    need === "unknown" ? "Whether consent is needed could not be told" : "Consent is not needed right now";
  const message = `${item.message} ${now}, but the next one will fail until this is fixed.`;
  return { code, severity: "warning", message, actor };
}

function disabledWithGrant(item: Extract<Observation, { kind: "problem" }>): Finding {
  const message = `${item.message} The consent was given, but Microsoft Entra refuses the BSS's token while the account is disabled (AADSTS50057), and a disabled account cannot consent again.`;
  return { code: item.code, severity: "error", status: "blocked", message, actor: item.actor };
}

/** The account, its roles, its MFA, as far as the observed lists show them. */
function observeAgent(context: InstanceContext): Observation[] {
  const { tenant, instance } = context;
  const upn = instance.spec.consent.adminAgent;
  const owner = tenantAdministrator(instance);
  const users = tenant.usersByPrincipalName;
  if (users === undefined) return [{ kind: "gap", list: "users", what: "the account" }];
  const user = users.get(upn.toLowerCase());
  if (user === undefined) {
    const message = `Admin agent ${upn} (spec.consent.adminAgent) does not exist in ${instance.spec.partner.defaultDomain}: create the user, or name an existing admin agent in ${context.loaded.file}.`;
    return [{ kind: "problem", code: "agent.missing", message, actor: owner }];
  }

  const seen: Observation[] = [];
  if (!user.accountEnabled) {
    const message = `Admin agent ${upn} is disabled (sign-in blocked): enable the account, or name another admin agent in ${context.loaded.file}.`;
    seen.push({ kind: "problem", code: "agent.disabled", message, actor: owner });
  }
  const memberships = tenant.memberOfByUserId?.get(user.id.toLowerCase());
  if (memberships === undefined) seen.push({ kind: "gap", list: "memberOf", what: "the roles" });
  else if (!memberships.some(isAdminAgentOrGlobalAdmin)) {
    const message = `Admin agent ${upn} is neither in the ${ADMIN_AGENTS_GROUP_NAME} group nor a Global Administrator, so the consent would not reach Partner Center: give the user the Admin agent role (Partner Center > Account settings > User management) or the Global Administrator role.`;
    seen.push({ kind: "problem", code: "agent.not-admin", message, actor: owner });
  }
  const registrations = tenant.registrationsByUserId;
  const registration = registrations?.get(user.id.toLowerCase());
  if (registrations === undefined)
    seen.push({ kind: "gap", list: "userRegistrationDetails", what: "the MFA" });
  else if (registration === undefined) seen.push({ kind: "mfa-unknown" });
  else if (!registration.isMfaRegistered) {
    const message = `Admin agent ${upn} has no MFA method registered, and Partner Center refuses App+User calls without MFA: ${upn} must register one (https://aka.ms/mfasetup).`;
    seen.push({ kind: "problem", code: "agent.no-mfa", message, actor: adminAgent(instance) });
  }
  return seen;
}

function isAdminAgentOrGlobalAdmin(entry: GraphDirectoryObject): boolean {
  const type = entry["@odata.type"];
  if (type === "#microsoft.graph.group") {
    return entry.displayName?.toLowerCase() === ADMIN_AGENTS_GROUP_NAME.toLowerCase();
  }
  if (type === "#microsoft.graph.directoryRole") {
    return entry.roleTemplateId?.toLowerCase() === GLOBAL_ADMINISTRATOR_ROLE_TEMPLATE_ID;
  }
  return false;
}
