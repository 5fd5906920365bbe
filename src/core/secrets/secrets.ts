/**
 * Shape of a current Microsoft Entra client secret: three characters, a digit, `Q~`, then 31-34
 * characters of `[A-Za-z0-9_~.-]` (docs/instance-yaml.md#secrets; the pattern GitHub secret scanning matches). The
 * look-arounds keep it from matching inside a longer token.
 */
const SECRET_SOURCE = "(?<![A-Za-z0-9_~.-])[A-Za-z0-9_~.]{3}[0-9]Q~[A-Za-z0-9_~.-]{31,34}(?![A-Za-z0-9_~.-])";

/** Keys whose string value is a credential, compared without case, `-` or `_`. */
const SECRET_KEY_NAMES: ReadonlySet<string> = new Set([
  "key",
  "clientsecret",
  "secret",
  "password",
  "appsecret",
  "appkey",
  "apikey",
  "secretvalue",
]);

const LONGEST_SECRET_KEY_NAME = 14;

export const REDACTED = "[redacted]";

/** Character offsets of every secret-shaped value in `text`. */
export function findSecretShapes(text: string): number[] {
  // `Q~` is in every match, so most files skip the regular expression entirely.
  if (!text.includes("Q~")) return [];
  return Array.from(text.matchAll(new RegExp(SECRET_SOURCE, "g")), (match) => match.index);
}

/** Replaces every secret-shaped substring; the last guard before text reaches any output. */
export function redactSecrets(text: string): string {
  return text.includes("Q~") ? text.replace(new RegExp(SECRET_SOURCE, "g"), REDACTED) : text;
}

/** Whether a mapping key names a credential (`clientSecret`, `client_secret`, `password`, …). */
export function isSecretKeyName(key: string): boolean {
  // Most keys are longer than any secret name: skip them without allocating.
  if (key.length > LONGEST_SECRET_KEY_NAME) return false;
  const lower = key.toLowerCase();
  if (SECRET_KEY_NAMES.has(lower)) return true;
  return (lower.includes("-") || lower.includes("_")) && SECRET_KEY_NAMES.has(lower.replaceAll(/[-_]/g, ""));
}
