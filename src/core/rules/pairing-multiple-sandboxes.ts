import type { InstanceSet } from "./instance-index.js";
import { checkRepeats, error, type Finding } from "./rule.js";

/** `pairing.multiple-sandboxes`: Partner Center gives a primary account one integration sandbox. */
export function checkOneSandboxPerPrimary(set: InstanceSet): Finding[] {
  return checkRepeats(
    set.pairs,
    ({ primary }) => primary,
    ({ sandbox, primary }, { sandbox: earlier }) =>
      error(
        sandbox,
        sandbox.sandboxOf?.pointer ?? "/spec",
        "pairing.multiple-sandboxes",
        `'${primary.name?.value}' already has a sandbox: ${earlier.name?.value} (${earlier.file})`,
        "a primary account has one integration sandbox; remove one of the two, or pair this one with another primary",
      ),
  );
}
