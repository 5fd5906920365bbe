// The hostile corpus: what a pull-request author (YAML, file names) or a tenant admin (Graph data)
// can put in front of the renderers. Every string is a case from the security review of issue 11.
import type { InstanceSource } from "../../src/core/instance/validate-instances.js";
import { planReconcile } from "../../src/core/reconcile/plan-reconcile.js";
import type { ReconcileReport } from "../../src/core/reconcile/report.js";
import { NOW, readyScenario, snapshotOfScenarios } from "../core/reconcile/scenario.js";

/** A display name that is a Markdown link dressed as the bot's own consent link. */
export const PHISHING_NAME = "[grant consent to contoso-sandbox](https://evil.example/phish)";

/** A redirect URI from Graph whose line breaks forge an instance heading and a consent link. */
export const FORGED_SECTION_URI =
  "https://bss.contoso.example/cb\n\n#### ✅ contoso-sandbox — ready\n\n**Consent link** — [grant consent to contoso-sandbox](https://evil.example/phish)\n";

/** Mentions in any position, raw HTML, autolinks, issue references, terminal escapes, NUL. */
export const NOISY_TEXT =
  "(@octocat) x,@octocat <img src=x onerror=alert(1)> </details> https://evil.example/a www.evil.example admin@evil.example #1 \u001b[2J \u001b]8;;http://evil\u0007click\u001b]8;;\u0007 \u0000 ::add-mask::hidden ##[error]forged";

/** A file name that closes its code span and starts a heading. */
export const CODE_BREAKING_FILE = "instances/contoso`sandbox\n#### ✅ forged — ready\n`.yaml";

/** A file name that starts workflow-command lines in text output. */
export const COMMAND_FILE = "instances/x\n::error::forged\n.yaml";

/**
 * A report made by the real planner from hostile data: the sandbox's YAML names the app with a
 * phishing link and Graph shows another, noisy name and a forged redirect URI (drifted, and it
 * needs consent: a consent link is intended); the primary's tenant refuses the observer with a
 * noisy error (unknown); the China instance is ready.
 */
export function hostileReport(): ReconcileReport {
  const sandbox = readyScenario({
    name: "contoso-sandbox",
    environment: "sandbox",
    sandboxOf: "contoso-primary",
    displayName: PHISHING_NAME,
  });
  const [app] = sandbox.tenant.applications ?? [];
  if (app === undefined) throw new Error("the scenario has no app");
  sandbox.tenant.applications = [
    { ...app, displayName: NOISY_TEXT, web: { redirectUris: [...app.web.redirectUris, FORGED_SECTION_URI] } },
  ];
  sandbox.tenant.oauth2PermissionGrants = [];
  const primary = readyScenario({ name: "contoso-primary" });
  const china = readyScenario({ name: "fabrikam-china", cloud: "china" });
  const snapshot = snapshotOfScenarios(sandbox, primary, china);
  const tenants = {
    ...snapshot.tenants,
    [primary.tenantId]: { error: { status: 403, code: "Authorization_RequestDenied", message: NOISY_TEXT } },
  };
  return planReconcile(
    [
      { ...sandbox.loaded, file: CODE_BREAKING_FILE },
      { ...primary.loaded, file: COMMAND_FILE },
      china.loaded,
    ],
    { ...snapshot, tenants },
    NOW,
  );
}

const encoder = new TextEncoder();

/**
 * Instance files whose names and keys are hostile: the validate step summary must show them as
 * text. One declares a YAML key full of noise, one carries the phishing display name.
 */
export function hostileSources(): InstanceSource[] {
  const file = (name: string, text: string): InstanceSource => ({ file: name, bytes: encoder.encode(text) });
  const instance = (name: string, extra: string) =>
    [
      "apiVersion: cspops/v1",
      "kind: PartnerInstance",
      "metadata:",
      `  name: ${name}`,
      "spec:",
      "  environment: primary",
      "  cloud: global",
      "  partner:",
      "    tenantId: 43a1f795-93da-4d8c-a96c-1c5f8dc14269",
      "    defaultDomain: contoso.onmicrosoft.com",
      "    cspStatus: indirect",
      "  app:",
      `    displayName: ${JSON.stringify(PHISHING_NAME)}`,
      "    redirectUris: [https://bss.contoso.example/cb]",
      "  consent:",
      "    adminAgent: admin@contoso.onmicrosoft.com",
      extra,
    ].join("\n");
  return [
    file(COMMAND_FILE, instance("contoso-primary", `  ${JSON.stringify(NOISY_TEXT)}: 1\n`)),
    file(CODE_BREAKING_FILE, instance("contoso-primary", `  "(@octocat) </details> x,@octocat": 2\n`)),
  ];
}
