import type { InstanceFacts } from "./instance-facts.js";
import type { InstanceSet } from "./instance-index.js";
import { error, type Finding } from "./rule.js";

/** `tenant.shared`: one Entra tenant is one Partner Center account, so one instance per environment. */
export function checkTenantNotShared(set: InstanceSet): Finding[] {
  const first = new Map<string, InstanceFacts>();
  const findings: Finding[] = [];
  for (const facts of set.all) {
    if (facts.tenantId === undefined || facts.environment === undefined) continue;
    const key = `${facts.environment.value}|${facts.tenantId.value.toLowerCase()}`;
    const earlier = first.get(key);
    if (earlier === undefined) {
      first.set(key, facts);
      continue;
    }
    findings.push(
      error(
        facts,
        facts.tenantId.pointer,
        "tenant.shared",
        `${earlier.name?.value ?? earlier.file} (${earlier.file}) already declares a ${facts.environment.value} instance for this tenant`,
        "a tenant is one Partner Center account: keep one instance per tenant and environment, or fix the tenant id",
      ),
    );
  }
  return findings;
}
