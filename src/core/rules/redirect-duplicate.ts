import type { InstanceSet } from "./instance-index.js";
import { normaliseRedirectUri } from "./redirect-uri.js";
import { error, type Finding } from "./rule.js";

/**
 * `redirect.duplicate`: two URIs of one instance that differ only in spelling (case of scheme or
 * host, a default port) are the same URI to Entra. Exact repeats are caught by the schema's
 * `uniqueItems`, reported under the same code.
 */
export function checkRedirectsAreUnique(set: InstanceSet): Finding[] {
  const findings: Finding[] = [];
  for (const facts of set.all) {
    if (facts.redirectUris.length < 2) continue;
    const seen = new Map<string, string>();
    const written = new Set<string>();
    for (const uri of facts.redirectUris) {
      const repeated = written.has(uri.value);
      written.add(uri.value);
      const normalised = uri.shape.scheme === undefined ? undefined : normaliseRedirectUri(uri.value);
      if (normalised === undefined || repeated) continue;
      const earlier = seen.get(normalised);
      if (earlier === undefined) {
        seen.set(normalised, uri.value);
        continue;
      }
      findings.push(
        error(
          facts,
          uri.pointer,
          "redirect.duplicate",
          `the redirect URI is the same as '${earlier}', spelled differently`,
          "keep one of them",
        ),
      );
    }
  }
  return findings;
}
