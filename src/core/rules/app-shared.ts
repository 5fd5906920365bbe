import type { InstanceSet } from "./instance-index.js";
import { checkRepeats, error, type Finding } from "./rule.js";

/** `app.shared`: two instances adopting one app would fight over its redirect URIs and Key. */
export function checkExistingAppNotShared(set: InstanceSet): Finding[] {
  return checkRepeats(
    set.all,
    (facts) => facts.existingAppId?.value.toLowerCase(),
    (facts, earlier) =>
      error(
        facts,
        facts.existingAppId?.pointer ?? "/spec/app/existingAppId",
        "app.shared",
        `${earlier.name?.value ?? earlier.file} (${earlier.file}) already adopts this app`,
        "each instance needs its own app: remove existingAppId here to let Pulumi create one",
      ),
  );
}
