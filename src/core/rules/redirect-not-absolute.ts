import type { InstanceSet } from "./instance-index.js";
import { checkEachRedirectUri, error, type Finding } from "./rule.js";

/** `redirect.not-absolute`: Entra needs a full URL to send the admin back to. */
export function checkRedirectIsAbsolute(set: InstanceSet): Finding[] {
  return checkEachRedirectUri(set, (facts, uri) =>
    uri.shape.scheme !== undefined
      ? undefined
      : error(
          facts,
          uri.pointer,
          "redirect.not-absolute",
          "the redirect URI is not an absolute URL",
          "write the full URL of the BSS callback, like https://bss.contoso.example/ms/consent/callback",
        ),
  );
}
