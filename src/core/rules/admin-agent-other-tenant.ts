import type { InstanceSet } from "./instance-index.js";
import { checkEach, type Finding, warning } from "./rule.js";

const INITIAL_DOMAIN = /\.(onmicrosoft\.com|partner\.onmschina\.cn)$/;

/**
 * `consent.admin-agent-other-tenant` (warning): an admin agent whose initial domain is another
 * tenant's cannot consent for this one. Custom domains cannot be checked offline, so only
 * `*.onmicrosoft.com` and `*.partner.onmschina.cn` sign-in names are compared.
 */
export function checkAdminAgentTenant(set: InstanceSet): Finding[] {
  return checkEach(set.all, (facts) => {
    if (facts.adminAgent === undefined || facts.defaultDomain === undefined) return undefined;
    const agentDomain = facts.adminAgent.value
      .slice(facts.adminAgent.value.lastIndexOf("@") + 1)
      .toLowerCase();
    const tenantDomain = facts.defaultDomain.value.toLowerCase();
    if (!INITIAL_DOMAIN.test(agentDomain) || agentDomain === tenantDomain) return undefined;
    return warning(
      facts,
      facts.adminAgent.pointer,
      "consent.admin-agent-other-tenant",
      `the admin agent signs in at ${agentDomain}, but the partner tenant is ${tenantDomain}`,
      "the admin agent must be a user of the partner's own tenant (a guest cannot be an Admin Agent)",
    );
  });
}
