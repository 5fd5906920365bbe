import { redactCredentialShapes } from "../core/secrets/redact-credential-shapes.js";
import { REDACTED } from "../core/secrets/secrets.js";

/** Values shorter than this are not scrubbed one by one: they would blank out ordinary words. */
const MIN_SECRET_LENGTH = 6;

/**
 * Removes credentials from text that is about to leave an adapter (snapshot errors, service
 * errors): the known secret values the process holds, then everything shaped like a credential
 * (`redactCredentialShapes`: form fields and headers that carry tokens, JWTs, Entra client secrets).
 */
export function redactCredentials(text: string, knownSecrets: readonly string[]): string {
  let result = text;
  for (const secret of knownSecrets) {
    if (secret.length >= MIN_SECRET_LENGTH) result = result.replaceAll(secret, REDACTED);
  }
  return redactCredentialShapes(result);
}
