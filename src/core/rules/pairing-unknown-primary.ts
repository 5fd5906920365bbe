import { closest, distance } from "fastest-levenshtein";
import type { InstanceSet } from "./instance-index.js";
import { checkEach, error, type Finding } from "./rule.js";

/** `pairing.unknown-primary`: a sandbox's `sandboxOf` names no instance at all. */
export function checkSandboxPrimaryExists(set: InstanceSet): Finding[] {
  const { byName } = set;
  const primaries = set.all.flatMap((facts) =>
    facts.environment?.value === "primary" && facts.name !== undefined ? [facts.name.value] : [],
  );
  return checkEach(set.all, (facts) => {
    if (facts.environment?.value !== "sandbox" || facts.sandboxOf === undefined) return undefined;
    const wanted = facts.sandboxOf.value;
    if (byName.has(wanted)) return undefined;
    const nearest = primaries.length > 0 ? closest(wanted, primaries) : undefined;
    const hint =
      nearest !== undefined && distance(wanted, nearest) <= 3
        ? `did you mean '${nearest}'?`
        : primaries.length > 0
          ? `primaries declared: ${primaries.map((name) => `'${name}'`).join(", ")}`
          : "add the primary instance's file, or fix the name";
    return error(
      facts,
      facts.sandboxOf.pointer,
      "pairing.unknown-primary",
      `sandboxOf names '${wanted}', which no file declares`,
      hint,
    );
  });
}
