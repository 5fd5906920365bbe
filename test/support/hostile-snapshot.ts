import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { EXAMPLES_SNAPSHOT } from "./fixtures.js";
import { ROOT } from "./run-cli.js";

// Canaries: each shaped like a credential the redaction must catch, planted in snapshot data.
export const ENTRA_CANARY = "xyz7Q~HostileCanarySecret0123456789abc";
export const JWT_CANARY = "eyJhbGciOiJub25lIn0.eyJjYW5hcnkiOiJ0b2tlbiJ9.c2lnbmF0dXJlY2FuYXJ5";
export const FORM_CANARY = "FormCanaryValue42";
export const GITHUB_CANARY = "ghp_GitHubCanaryToken0123456789abcdefghij";
export const SNAPSHOT_CANARIES = [ENTRA_CANARY, JWT_CANARY, FORM_CANARY, GITHUB_CANARY];

/** Terminal escapes (screen clear, an OSC-8 hyperlink), NUL, workflow commands new and legacy. */
export const TERMINAL_NOISE =
  "\u001b[2J\u001b]8;;http://evil\u0007click\u001b]8;;\u0007 \u0000 \n::add-mask::hidden\n::error::forged\n##[error]legacy";

/**
 * The example instances' snapshot with hostile, credential-laden Graph data: the primary's tenant
 * refuses with a noisy error full of tokens; the sandbox's app has a noisy name with a client
 * secret and an undeclared redirect URI carrying `client_secret=`.
 */
export function writeHostileSnapshot(file: string): void {
  const snapshot = JSON.parse(readFileSync(join(ROOT, EXAMPLES_SNAPSHOT), "utf8"));
  const primary = "6a3b8c1e-0d2f-4b7a-9c5e-1f2a3b4c5d6e";
  const sandbox = "3f1c2d4e-5a6b-4c7d-8e9f-0a1b2c3d4e5f";
  snapshot.tenants[primary] = {
    error: {
      status: 403,
      code: "Authorization_RequestDenied",
      message: `denied ${TERMINAL_NOISE} ${ENTRA_CANARY} Authorization: Bearer ${JWT_CANARY} token ${GITHUB_CANARY}`,
    },
  };
  const [app] = snapshot.tenants[sandbox].applications;
  app.displayName = `Renamed ${TERMINAL_NOISE} ${ENTRA_CANARY}`;
  app.web.redirectUris.push(`https://bss.contoso.example/cb?client_secret=${FORM_CANARY}${TERMINAL_NOISE}`);
  writeFileSync(file, JSON.stringify(snapshot));
}
