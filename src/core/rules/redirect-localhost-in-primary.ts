import type { InstanceSet } from "./instance-index.js";
import { isLoopback } from "./redirect-uri.js";
import { checkEachRedirectUri, type Finding, warning } from "./rule.js";

/**
 * `redirect.localhost-in-primary` (warning): a development callback on the live account lets
 * anyone running a local server on that port receive the live account's authorization codes.
 */
export function checkNoLocalhostInPrimary(set: InstanceSet): Finding[] {
  return checkEachRedirectUri(set, (facts, uri) =>
    facts.environment?.value === "primary" && isLoopback(uri.shape)
      ? warning(
          facts,
          uri.pointer,
          "redirect.localhost-in-primary",
          "the live (primary) account has a localhost redirect URI",
          "keep development callbacks on the sandbox instance",
        )
      : undefined,
  );
}
