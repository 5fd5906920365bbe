#!/usr/bin/env node
import { createInterface } from "node:readline";
import { parseArgs } from "node:util";
import { createClientSecretCredential } from "../adapters/graph/create-credential.js";
import { createGraphObserver } from "../adapters/graph/graph-observer.js";
import { asCspopsError } from "../core/diagnostics/errors.js";
import type { LoadedInstance } from "../core/instance/instance.js";
import { planReconcile } from "../core/reconcile/plan-reconcile.js";
import type { ReconcileReport } from "../core/reconcile/report.js";
import { buildExampleSeed } from "../emulator/seeds/example-instances.js";
import { type RunningEmulator, startEmulator } from "../emulator/start-emulator.js";
import { terminalText } from "../render/escape/terminal.js";
import { renderError } from "../render/render-error.js";
import { renderReportText } from "../render/report-text.js";
import { processContext, useColour } from "./context.js";
import { loadValidInstances } from "./load-instances.js";

/**
 * `npm start`: the whole loop on one machine, no cloud account. Starts the Entra + Graph emulator
 * seeded for the example instances, observes it with the real Graph adapter (a client-secret
 * credential that trusts the emulator's CA explicitly), plans, prints the report with consent links
 * to the emulator's consent page, and keeps serving: Enter reconciles again.
 */
async function main(): Promise<void> {
  const { values } = parseArgs({ options: { dir: { type: "string", default: "instances" } } });
  const dir = values.dir ?? "instances";
  const context = processContext();
  const instances = await loadValidInstances(dir, context);
  const emulator = await startEmulator({ seed: buildExampleSeed(new Date()) });
  const reconcile = reconcilerFor(emulator, instances);

  const stop = () => void emulator.close().then(() => process.exit(0));
  process.once("SIGINT", stop);
  process.once("SIGTERM", stop);

  const print = (report: ReconcileReport) =>
    context.stdout.write(renderReportText(report, { useColour: useColour(context.stdout, context.env) }));
  const report = await reconcile();
  print(report);
  context.stdout.write(explainNextSteps(report, emulator, dir));
  if (process.stdin.isTTY !== true) return;
  const lines = createInterface({ input: process.stdin });
  lines.on("line", () => {
    reconcile()
      .then(print)
      .catch((error: unknown) => context.stderr.write(renderError(asCspopsError(error))))
      .finally(() => context.stdout.write("Enter: reconcile again · Ctrl+C: stop\n"));
  });
  lines.on("close", stop);
}

function reconcilerFor(
  emulator: RunningEmulator,
  instances: readonly LoadedInstance[],
): () => Promise<ReconcileReport> {
  const observer = createGraphObserver({
    credentialFor: ({ tenantId, agent }) =>
      createClientSecretCredential(
        { tenantId, ...emulator.client },
        { authorityHost: emulator.authorityHost, customAuthority: true, agent },
      ),
    graphUrlFor: () => emulator.graphUrl,
    caCertPem: emulator.caCertPem,
    knownSecrets: [emulator.client.clientSecret],
  });
  return async () => {
    const snapshot = await observer.observeTenants(instances);
    return planReconcile(instances, snapshot, new Date(), { authority: emulator.authorityHost });
  };
}

function explainNextSteps(report: ReconcileReport, emulator: RunningEmulator, dir: string): string {
  const consent = report.instances.find(
    (instance) => instance.status === "needs-consent" && instance.consentUrl !== null,
  );
  const steps = [
    "",
    `The emulator of Microsoft Entra ID and Microsoft Graph keeps serving at ${emulator.authorityHost}`,
    "(seeded for the example instances; it forgets everything when it stops).",
    "",
  ];
  if (consent !== undefined) {
    steps.push(
      "Finish the loop:",
      `  1. Open the consent link of ${terminalText(consent.name)} (above) in a browser. The emulator's certificate comes from a`,
      `     CA made for this run: accept the browser's warning for 127.0.0.1, or trust ${emulator.caFile}.`,
      `  2. Sign in as ${terminalText(consent.adminAgent)}: any password; for MFA, type the code the page's emulated`,
      '     Authenticator app shows. Then press Accept on "Permissions requested". (Other accounts are refused',
      "     in words, as Entra would: not in AdminAgents nor a Global Administrator, no MFA method, or disabled.)",
      "  3. The emulator then shows where the browser was sent (the redirect URI with ?code=…&state=…) and what",
      "     the BSS does next; Cancel shows error=access_denied instead.",
      `  4. Press Enter here to reconcile again and see ${terminalText(consent.name)} ready. Or, in another terminal:`,
      `       set -a; . ${emulator.envFile}; set +a; node dist/cli/main.js reconcile --dir ${terminalText(dir)}`,
      "",
    );
  }
  steps.push(process.stdin.isTTY === true ? "Enter: reconcile again · Ctrl+C: stop" : "Ctrl+C: stop", "");
  return steps.join("\n");
}

main().catch((error: unknown) => {
  const known = asCspopsError(error);
  process.stderr.write(renderError(known));
  process.exit(known.exitCode);
});
