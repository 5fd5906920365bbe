import type { InstanceFacts } from "./instance-facts.js";
import type { InstanceSet } from "./instance-index.js";
import { error, type Finding } from "./rule.js";

/** `app.shared`: two instances adopting one app would fight over its redirect URIs and Key. */
export function checkExistingAppNotShared(set: InstanceSet): Finding[] {
  const first = new Map<string, InstanceFacts>();
  const findings: Finding[] = [];
  for (const facts of set.all) {
    if (facts.existingAppId === undefined) continue;
    const key = facts.existingAppId.value.toLowerCase();
    const earlier = first.get(key);
    if (earlier === undefined) {
      first.set(key, facts);
      continue;
    }
    findings.push(
      error(
        facts,
        facts.existingAppId.pointer,
        "app.shared",
        `${earlier.name?.value ?? earlier.file} (${earlier.file}) already adopts this app`,
        "each instance needs its own app: remove existingAppId here to let Pulumi create one",
      ),
    );
  }
  return findings;
}
