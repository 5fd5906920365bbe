import {
  type CspopsError,
  InternalError,
  InvalidInstancesError,
  ServiceError,
} from "../core/diagnostics/errors.js";
import { renderDiagnosticsSummary, renderDiagnosticsText } from "./diagnostics-text.js";
import { neutraliseCommandLines, terminalText } from "./escape/terminal.js";

/**
 * One readable block for stderr: what failed, then how to fix it. Messages carry outside text
 * (file names, YAML keys, Graph and GitHub error texts): shown through `terminalText`.
 */
export function renderError(error: CspopsError): string {
  if (error instanceof InvalidInstancesError) {
    // The same lines `cspops validate` prints, so every command reports a bad file the same way.
    return `${renderDiagnosticsText(error.diagnostics, { colour: false })}${renderDiagnosticsSummary(error.diagnostics)}`;
  }
  const lines = [`cspops: ${terminalText(error.message)}`];
  if (error instanceof ServiceError) {
    const facts = [
      error.status === undefined ? undefined : `status ${error.status}`,
      error.code,
      error.requestId === undefined ? undefined : `request id ${error.requestId}`,
    ].filter((fact) => fact !== undefined);
    if (facts.length > 0) lines.push(`  ${error.service}: ${terminalText(facts.join(", "))}`);
  }
  if (error.hint !== undefined) lines.push(`  hint: ${terminalText(error.hint)}`);
  if (error instanceof InternalError) {
    const cause = error.cause instanceof Error ? error.cause : error;
    const trace = (cause.stack ?? "").split("\n").map((line) => terminalText(line));
    lines.push("  This is a bug in cspops; please report it with the trace below.", ...trace);
  }
  return neutraliseCommandLines(`${lines.join("\n")}\n`);
}
