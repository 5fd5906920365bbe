import type { InstanceSet } from "./instance-index.js";
import { checkRepeats, error, type Finding } from "./rule.js";

/** `tenant.shared`: one Entra tenant is one Partner Center account, so one instance per environment. */
export function checkTenantNotShared(set: InstanceSet): Finding[] {
  return checkRepeats(
    set.all,
    ({ environment, tenantId }) =>
      environment === undefined || tenantId === undefined
        ? undefined
        : `${environment.value}|${tenantId.value.toLowerCase()}`,
    (facts, earlier) =>
      error(
        facts,
        facts.tenantId?.pointer ?? "/spec/partner/tenantId",
        "tenant.shared",
        `${earlier.name?.value ?? earlier.file} (${earlier.file}) already declares a ${facts.environment?.value} instance for this tenant`,
        "a tenant is one Partner Center account: keep one instance per tenant and environment, or fix the tenant id",
      ),
  );
}
