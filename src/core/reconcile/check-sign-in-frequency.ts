import { CONSENT_IDLE_LIFETIME_DAYS, PARTNER_CENTER_APP_ID } from "../instance/identifiers.js";
import type { GraphConditionalAccessPolicy } from "../snapshot/snapshot.js";
import {
  type AgentIdentity,
  agentIdentity,
  type Coverage,
  coversAgent,
  coversPartnerCenter,
  describeForcedSignIn,
  type ForcedSignIn,
  forcedSignIn,
} from "./conditional-access-coverage.js";
import type { InstanceContext } from "./context.js";
import { missingListFinding } from "./observation-gaps.js";
import type { Finding } from "./report.js";

const CODE = "conditional-access.sign-in-frequency";
const REPORT_ONLY = "enabledForReportingButNotEnforced";

/**
 * Does a Conditional Access policy force the admin agent to sign in again, for the Partner Center
 * API, more often than every 90 days? Then the refresh token the BSS holds is refused when the
 * period is up (AADSTS70043) and no consent can last: `blocked`. A report-only policy is a warning
 * (it blocks once enforced), and so is a policy that may cover the agent through memberships that
 * were not observed. Policies that could not be read are a warning that names the permission; the
 * status does not change (observers deployed before cspops read them lack Policy.Read.All).
 */
export function checkSignInFrequency(context: InstanceContext): readonly Finding[] {
  const { tenant, instance } = context;
  const policies = tenant.observation.conditionalAccessPolicies;
  if (policies === undefined) {
    return [
      missingListFinding(
        context,
        "conditionalAccessPolicies",
        "whether a Conditional Access sign-in frequency forces the admin agent to sign in again before the consent's 90 days (which would end it early) cannot be told",
      ),
    ];
  }
  const upn = instance.spec.consent.adminAgent;
  const users = tenant.usersByPrincipalName;
  const agent = users?.get(upn.toLowerCase());
  // A missing agent is reported by the agent check; no policy can cover an account that does not exist.
  if (users !== undefined && agent === undefined) return [];
  const identity = agentIdentity(agent?.id, agent && tenant.memberOfByUserId?.get(agent.id.toLowerCase()));
  return policies.flatMap((policy) => judgePolicy(context, policy, identity));
}

function judgePolicy(
  context: InstanceContext,
  policy: GraphConditionalAccessPolicy,
  agent: AgentIdentity,
): Finding[] {
  if (policy.state !== "enabled" && policy.state !== REPORT_ONLY) return [];
  const forced = forcedSignIn(policy.sessionControls?.signInFrequency);
  if (forced === undefined || !shorterThanConsent(forced) || !coversPartnerCenter(policy)) return [];
  const coverage = coversAgent(policy, agent);
  if (coverage === "no") return [];
  return [finding(context, policy, forced, coverage)];
}

function shorterThanConsent(forced: ForcedSignIn): boolean {
  return forced.kind === "every-time" || forced.hours < CONSENT_IDLE_LIFETIME_DAYS * 24;
}

function finding(
  context: InstanceContext,
  policy: GraphConditionalAccessPolicy,
  forced: ForcedSignIn,
  coverage: Exclude<Coverage, "no">,
): Finding {
  const { instance } = context;
  const upn = instance.spec.consent.adminAgent;
  const domain = instance.spec.partner.defaultDomain;
  const name = `Conditional Access policy "${policy.displayName ?? policy.id}" (${policy.id})`;
  const how = describeForcedSignIn(forced);
  const fix = `In the Entra admin center (Protection > Conditional Access), exclude ${upn} from that policy's users, or exclude the Microsoft Partner Center API (${PARTNER_CENTER_APP_ID}) from its target resources, or lengthen its sign-in frequency to ${CONSENT_IDLE_LIFETIME_DAYS} days or more.`;
  const actor = `a Conditional Access Administrator of ${domain}`;
  const effect = `the BSS's refresh token is refused ${forced.kind === "every-time" ? "at its first refresh" : `${how.replace("every", "after")}`} (AADSTS70043), so no consent can last`;
  if (policy.state === REPORT_ONLY) {
    return {
      code: CODE,
      severity: "warning",
      message: `${name} is report-only, but once enforced it makes admin agent ${upn} sign in again ${how} for the Partner Center API: ${effect}. Before enforcing it: ${fix}`,
      actor,
    };
  }
  if (coverage === "unknown") {
    return {
      code: CODE,
      severity: "warning",
      message: `${name} makes the users it covers sign in again ${how} for the Partner Center API, and whether it covers admin agent ${upn} cannot be told: the account or its group and role memberships were not observed. If it does, ${effect}. ${fix}`,
      actor,
    };
  }
  return {
    code: CODE,
    severity: "error",
    status: "blocked",
    message: `${name} makes admin agent ${upn} sign in again ${how} for the Partner Center API: ${effect}. ${fix}`,
    actor,
  };
}
