import { ADMIN_AGENTS_GROUP_NAME, GLOBAL_ADMINISTRATOR_ROLE_TEMPLATE_ID } from "../identifiers.js";
import type { Finding } from "../report.js";
import type { GraphDirectoryObject } from "../snapshot.js";
import { adminAgent, tenantAdministrator } from "./actors.js";
import type { InstanceContext } from "./context.js";
import { missingListFinding } from "./observation-gaps.js";

/** Why the agent matters now: consent is needed (problems block), or only later (problems warn). */
export type ConsentNeed = "needed" | "soon" | "not-needed";

/**
 * Can the admin agent give a useful consent? They must exist, be enabled, be an admin agent
 * (AdminAgents group) or a Global Administrator, and have an MFA method registered: Partner Center
 * refuses App+User calls without MFA from 2026-04-01. Problems make the instance `blocked` only when
 * consent is actually needed; otherwise they are warnings about the next consent.
 */
export function checkAdminAgent(context: InstanceContext, need: ConsentNeed): readonly Finding[] {
  const { tenant, instance } = context;
  const upn = instance.spec.consent.adminAgent;
  const problem = (code: string, message: string, actor: string): Finding =>
    need === "needed"
      ? {
          code,
          severity: "error",
          status: "blocked",
          message: `${message} Until then the consent link cannot succeed.`,
          actor,
        }
      : {
          code,
          severity: "warning",
          message: `${message} Consent is not needed right now, but the next one will fail until this is fixed.`,
          actor,
        };
  const gap = (list: "users" | "memberOf" | "userRegistrationDetails", what: string): readonly Finding[] =>
    need === "not-needed"
      ? []
      : [missingListFinding(context, list, `${what} of admin agent ${upn} cannot be checked`)];

  const users = tenant.usersByPrincipalName;
  if (users === undefined) return gap("users", "the account");
  const user = users.get(upn.toLowerCase());
  const owner = tenantAdministrator(instance);
  if (user === undefined) {
    return [
      problem(
        "agent.missing",
        `Admin agent ${upn} (spec.consent.adminAgent) does not exist in ${instance.spec.partner.defaultDomain}: create the user, or name an existing admin agent in ${context.loaded.file}.`,
        owner,
      ),
    ];
  }
  const findings: Finding[] = [];
  if (!user.accountEnabled) {
    findings.push(
      problem(
        "agent.disabled",
        `Admin agent ${upn} is disabled (sign-in blocked): enable the account, or name another admin agent in ${context.loaded.file}.`,
        owner,
      ),
    );
  }
  const memberships = tenant.memberOfByUserId?.get(user.id.toLowerCase());
  if (memberships === undefined) findings.push(...gap("memberOf", "the roles"));
  else if (!memberships.some(isAdminAgentOrGlobalAdmin)) {
    findings.push(
      problem(
        "agent.not-admin",
        `Admin agent ${upn} is neither in the ${ADMIN_AGENTS_GROUP_NAME} group nor a Global Administrator, so the consent would not reach Partner Center: give the user the Admin agent role (Partner Center > Account settings > User management) or the Global Administrator role.`,
        owner,
      ),
    );
  }
  const registration = tenant.registrationsByUserId?.get(user.id.toLowerCase());
  if (tenant.registrationsByUserId === undefined) findings.push(...gap("userRegistrationDetails", "the MFA"));
  else if (registration === undefined) {
    if (need !== "not-needed") {
      findings.push({
        code: "agent.mfa-unknown",
        severity: "warning",
        message: `Microsoft Graph has no MFA registration details for admin agent ${upn}, so whether they can complete MFA is unknown. ${upn} should make sure an MFA method is registered (https://aka.ms/mfasetup) before consenting.`,
        actor: adminAgent(instance),
      });
    }
  } else if (!registration.isMfaRegistered) {
    findings.push(
      problem(
        "agent.no-mfa",
        `Admin agent ${upn} has no MFA method registered, and Partner Center refuses App+User calls without MFA: ${upn} must register one (https://aka.ms/mfasetup).`,
        adminAgent(instance),
      ),
    );
  }
  return findings;
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
