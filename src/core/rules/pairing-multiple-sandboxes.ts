import type { InstanceFacts } from "./instance-facts.js";
import type { InstanceSet } from "./instance-index.js";
import { error, type Finding } from "./rule.js";

/** `pairing.multiple-sandboxes`: Partner Center gives a primary account one integration sandbox. */
export function checkOneSandboxPerPrimary(set: InstanceSet): Finding[] {
  const firstSandbox = new Map<InstanceFacts, InstanceFacts>();
  const findings: Finding[] = [];
  for (const { sandbox, primary } of set.pairs) {
    const earlier = firstSandbox.get(primary);
    if (earlier === undefined) {
      firstSandbox.set(primary, sandbox);
      continue;
    }
    findings.push(
      error(
        sandbox,
        sandbox.sandboxOf?.pointer ?? "/spec",
        "pairing.multiple-sandboxes",
        `'${primary.name?.value}' already has a sandbox: ${earlier.name?.value} (${earlier.file})`,
        "a primary account has one integration sandbox; remove one of the two, or pair this one with another primary",
      ),
    );
  }
  return findings;
}
