import type { InstanceSet } from "./instance-index.js";
import { error, type Finding } from "./rule.js";

/** `name.duplicate`: `metadata.name` is unique across files (it tags the app and keys the stack). */
export function checkDuplicateNames(set: InstanceSet): Finding[] {
  const firstFile = new Map<string, string>();
  const findings: Finding[] = [];
  for (const facts of set.all) {
    if (facts.name === undefined) continue;
    const earlier = firstFile.get(facts.name.value);
    if (earlier === undefined) {
      firstFile.set(facts.name.value, facts.file);
      continue;
    }
    findings.push(
      error(
        facts,
        facts.name.pointer,
        "name.duplicate",
        `the name '${facts.name.value}' is already declared by ${earlier}`,
        "give each instance its own metadata.name (and name the file after it)",
      ),
    );
  }
  return findings;
}
