import type { InstanceSet } from "./instance-index.js";
import { checkEachRedirectUri, error, type Finding } from "./rule.js";

/** `redirect.fragment`: the authorization code comes back in the query; Entra refuses a #fragment. */
export function checkRedirectHasNoFragment(set: InstanceSet): Finding[] {
  return checkEachRedirectUri(set, (facts, uri) =>
    uri.value.includes("#")
      ? error(
          facts,
          uri.pointer,
          "redirect.fragment",
          "the redirect URI contains a fragment (#…)",
          "remove the # and what follows it",
        )
      : undefined,
  );
}
