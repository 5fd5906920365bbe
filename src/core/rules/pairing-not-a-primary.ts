import type { InstanceSet } from "./instance-index.js";
import { checkEach, error, type Finding } from "./rule.js";

/** `pairing.not-a-primary`: a sandbox's `sandboxOf` names another sandbox (or itself). */
export function checkSandboxOfIsPrimary(set: InstanceSet): Finding[] {
  const { byName } = set;
  return checkEach(set.all, (facts) => {
    if (facts.environment?.value !== "sandbox" || facts.sandboxOf === undefined) return undefined;
    const named = byName.get(facts.sandboxOf.value);
    if (named === undefined || named.environment?.value !== "sandbox") return undefined;
    const itself = named === facts;
    return error(
      facts,
      facts.sandboxOf.pointer,
      "pairing.not-a-primary",
      itself
        ? "sandboxOf names this instance itself"
        : `sandboxOf names '${facts.sandboxOf.value}' (${named.file}), which is a sandbox, not a primary`,
      "a sandbox belongs to the live (primary) Partner Center account: name that instance",
    );
  });
}
