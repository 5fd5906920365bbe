import type { InstanceSet } from "./instance-index.js";
import { checkEach, type Finding, warning } from "./rule.js";

/** `pairing.no-sandbox` (warning): changes cannot be tried on the integration sandbox first. */
export function checkPrimaryHasSandbox(set: InstanceSet): Finding[] {
  const paired = new Set(set.pairs.map(({ primary }) => primary));
  return checkEach(set.all, (facts) => {
    if (facts.environment?.value !== "primary" || paired.has(facts)) return undefined;
    return warning(
      facts,
      facts.environment.pointer,
      "pairing.no-sandbox",
      `the primary '${facts.name?.value ?? facts.file}' has no integration sandbox instance`,
      "declare its sandbox (environment: sandbox, sandboxOf: this name) to test orders before going live",
    );
  });
}
