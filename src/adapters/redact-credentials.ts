import { REDACTED, redactSecrets } from "../core/secrets/secrets.js";

/** Values shorter than this are not scrubbed one by one: they would blank out ordinary words. */
const MIN_SECRET_LENGTH = 6;

/**
 * Removes credentials from text that is about to leave an adapter (snapshot errors, service
 * errors): the known secret values the process holds, form fields and headers that carry tokens,
 * JWTs, and anything shaped like an Entra client secret.
 */
export function redactCredentials(text: string, knownSecrets: readonly string[]): string {
  let result = text;
  for (const secret of knownSecrets) {
    if (secret.length >= MIN_SECRET_LENGTH) result = result.replaceAll(secret, REDACTED);
  }
  result = result
    .replace(
      /\b(client_secret|client_assertion|refresh_token|access_token|password)=([^&\s"']+)/gi,
      `$1=${REDACTED}`,
    )
    .replace(/\bBearer\s+[A-Za-z0-9._~+/=-]+/g, `Bearer ${REDACTED}`)
    .replace(/\beyJ[A-Za-z0-9_-]{4,}\.[A-Za-z0-9_-]{4,}\.[A-Za-z0-9_-]*/g, REDACTED);
  return redactSecrets(result);
}
