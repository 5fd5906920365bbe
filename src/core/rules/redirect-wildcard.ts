import type { InstanceSet } from "./instance-index.js";
import { checkEachRedirectUri, error, type Finding } from "./rule.js";

/** `redirect.wildcard`: Entra refuses wildcards in redirect URIs of apps that sign in work accounts. */
export function checkRedirectHasNoWildcard(set: InstanceSet): Finding[] {
  return checkEachRedirectUri(set, (facts, uri) =>
    uri.value.includes("*")
      ? error(
          facts,
          uri.pointer,
          "redirect.wildcard",
          "the redirect URI contains a wildcard (*)",
          "list each callback URL in full; Microsoft Entra does not match wildcards",
        )
      : undefined,
  );
}
