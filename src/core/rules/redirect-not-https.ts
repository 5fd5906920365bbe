import type { InstanceSet } from "./instance-index.js";
import { isLoopback } from "./redirect-uri.js";
import { checkEachRedirectUri, error, type Finding } from "./rule.js";

/** `redirect.not-https`: Entra accepts a web redirect URI only over https, except http on localhost. */
export function checkRedirectIsHttps(set: InstanceSet): Finding[] {
  return checkEachRedirectUri(set, (facts, { shape, pointer }) => {
    if (shape.scheme === undefined || shape.scheme === "https") return undefined;
    if (shape.scheme === "http" && isLoopback(shape)) return undefined;
    return error(
      facts,
      pointer,
      "redirect.not-https",
      `the redirect URI uses ${shape.scheme}://; Microsoft Entra requires https:// for web apps`,
      "use https:// (plain http:// is allowed only for http://localhost, for development)",
    );
  });
}
