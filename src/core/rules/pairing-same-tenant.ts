import { type InstanceSet, sameIdentifier } from "./instance-index.js";
import { checkEach, error, type Finding } from "./rule.js";

/** `pairing.same-tenant`: the integration sandbox is an independent account with its own tenant. */
export function checkSandboxTenantDiffers(set: InstanceSet): Finding[] {
  return checkEach(set.pairs, ({ sandbox, primary }) => {
    if (sandbox.tenantId === undefined || primary.tenantId === undefined) return undefined;
    if (!sameIdentifier(sandbox.tenantId.value, primary.tenantId.value)) return undefined;
    return error(
      sandbox,
      sandbox.tenantId.pointer,
      "pairing.same-tenant",
      `the sandbox uses the tenant of its primary '${primary.name?.value}'`,
      "the integration sandbox is a separate Partner Center account with its own Entra tenant: copy its Account ID from the sandbox's Partner Center",
    );
  });
}
