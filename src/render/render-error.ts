import {
  type CspopsError,
  InternalError,
  InvalidInstancesError,
  ServiceError,
} from "../core/diagnostics/errors.js";
import { renderDiagnosticsSummary, renderDiagnosticsText } from "./diagnostics-text.js";

/** One readable block for stderr: what failed, then how to fix it. */
export function renderError(error: CspopsError): string {
  if (error instanceof InvalidInstancesError) {
    // The same lines `cspops validate` prints, so every command reports a bad file the same way.
    return `${renderDiagnosticsText(error.diagnostics, { colour: false })}${renderDiagnosticsSummary(error.diagnostics)}`;
  }
  const lines = [`cspops: ${error.message}`];
  if (error instanceof ServiceError) {
    const facts = [
      error.status === undefined ? undefined : `status ${error.status}`,
      error.code,
      error.requestId === undefined ? undefined : `request id ${error.requestId}`,
    ].filter((fact) => fact !== undefined);
    if (facts.length > 0) lines.push(`  ${error.service}: ${facts.join(", ")}`);
  }
  if (error.hint !== undefined) lines.push(`  hint: ${error.hint}`);
  if (error instanceof InternalError) {
    const cause = error.cause instanceof Error ? error.cause : error;
    lines.push("  This is a bug in cspops; please report it with the trace below.", cause.stack ?? "");
  }
  return `${lines.join("\n")}\n`;
}
