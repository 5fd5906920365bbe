import type { InstanceSet } from "./instance-index.js";
import { checkEach, error, type Finding } from "./rule.js";

/** `pairing.cloud-mismatch`: a Partner Center account's integration sandbox lives in the same cloud. */
export function checkSandboxCloudMatches(set: InstanceSet): Finding[] {
  return checkEach(set.pairs, ({ sandbox, primary }) => {
    const sandboxCloud = sandbox.cloud?.value ?? "global";
    const primaryCloud = primary.cloud?.value ?? "global";
    if (sandboxCloud === primaryCloud) return undefined;
    return error(
      sandbox,
      sandbox.cloud?.pointer ?? "/spec",
      "pairing.cloud-mismatch",
      `the sandbox is in the ${sandboxCloud} cloud but its primary '${primary.name?.value}' is in the ${primaryCloud} cloud`,
      `a sandbox is created in its primary's Partner Center: set \`cloud: ${primaryCloud}\``,
    );
  });
}
