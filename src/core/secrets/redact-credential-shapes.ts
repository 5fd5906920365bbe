import { REDACTED, redactSecrets } from "./secrets.js";

/** `client_secret=…`, `"password": "…"`: a credential-named field and its value, in a form, a URL or JSON. */
const NAMED_CREDENTIAL =
  /\b(client_secret|client_assertion|refresh_token|access_token|id_token|password|api_key|apikey)(["']?\s*[=:]\s*["']?)([^&\s"',;]+)/gi;
/** `Bearer …`, `Basic …`: an HTTP Authorization header's credentials. */
const AUTHORIZATION = /\b(Bearer|Basic)\s+[A-Za-z0-9._~+/=-]{8,}/g;
/** A JSON Web Token (access and id tokens): three base64url parts, the first a JSON object. */
const JWT = /\beyJ[A-Za-z0-9_-]{4,}\.[A-Za-z0-9_-]{4,}\.[A-Za-z0-9_-]*/g;
/** GitHub tokens: classic (`ghp_`, `gho_`, `ghu_`, `ghs_`, `ghr_`) and fine-grained (`github_pat_`). */
const GITHUB_TOKEN = /\b(?:gh[pousr]_[A-Za-z0-9]{30,}|github_pat_[A-Za-z0-9_]{30,})\b/g;

/**
 * Replaces everything shaped like a credential in `text`: Entra client secrets, credential-named
 * fields (`client_secret=…`), Authorization header values, JWTs and GitHub tokens. Every renderer
 * runs outside text through it (src/render/escape/), so data from YAML, snapshots, Graph or GitHub
 * never prints or posts a secret, whatever path it took.
 */
export function redactCredentialShapes(text: string): string {
  if (text.length < 8) return text;
  return redactSecrets(text)
    .replace(NAMED_CREDENTIAL, (match, name: string, separator: string, value: string) =>
      value.startsWith(REDACTED.slice(0, -1)) ? match : `${name}${separator}${REDACTED}`,
    )
    .replace(AUTHORIZATION, `$1 ${REDACTED}`)
    .replace(JWT, REDACTED)
    .replace(GITHUB_TOKEN, REDACTED);
}
