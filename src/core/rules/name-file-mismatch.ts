import type { InstanceSet } from "./instance-index.js";
import { checkEach, type Finding, warning } from "./rule.js";

/** `name.file-mismatch` (warning): `contoso-primary` belongs in `contoso-primary.yaml`. */
export function checkFileNameMatchesName(set: InstanceSet): Finding[] {
  return checkEach(set.all, (facts) => {
    if (facts.name === undefined) return undefined;
    const base = facts.file.slice(facts.file.lastIndexOf("/") + 1).replace(/\.ya?ml$/i, "");
    if (base === facts.name.value) return undefined;
    return warning(
      facts,
      facts.name.pointer,
      "name.file-mismatch",
      `the file is named '${base}' but declares '${facts.name.value}'`,
      `rename the file to ${facts.name.value}.yaml, so people find an instance by its name`,
    );
  });
}
