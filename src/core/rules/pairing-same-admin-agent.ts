import { type InstanceSet, sameIdentifier } from "./instance-index.js";
import { checkEach, error, type Finding } from "./rule.js";

/** `pairing.same-admin-agent`: a sandbox shares no users with its primary, so not its admin agent. */
export function checkSandboxAdminAgentDiffers(set: InstanceSet): Finding[] {
  return checkEach(set.pairs, ({ sandbox, primary }) => {
    if (sandbox.adminAgent === undefined || primary.adminAgent === undefined) return undefined;
    if (!sameIdentifier(sandbox.adminAgent.value, primary.adminAgent.value)) return undefined;
    return error(
      sandbox,
      sandbox.adminAgent.pointer,
      "pairing.same-admin-agent",
      `the sandbox names the admin agent of its primary '${primary.name?.value}'`,
      "the integration sandbox shares no users with the primary: name a user of the sandbox's own tenant",
    );
  });
}
