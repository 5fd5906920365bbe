import type { InstanceSet } from "./instance-index.js";
import { checkRepeats, error, type Finding } from "./rule.js";

/** `name.duplicate`: `metadata.name` is unique across files (it tags the app and keys the stack). */
export function checkDuplicateNames(set: InstanceSet): Finding[] {
  return checkRepeats(
    set.all,
    (facts) => facts.name?.value,
    (facts, earlier) =>
      error(
        facts,
        facts.name?.pointer ?? "/metadata/name",
        "name.duplicate",
        `the name '${facts.name?.value}' is already declared by ${earlier.file}`,
        "give each instance its own metadata.name (and name the file after it)",
      ),
  );
}
