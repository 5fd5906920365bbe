import type { Diagnostic } from "../core/diagnostics/diagnostic.js";
import { stringifyRedacted } from "./escape/json.js";

/** `validate --format json` (docs/cli.md); `schemaVersion` changes only when the shape does. */
export interface ValidateJsonReport {
  readonly schemaVersion: 1;
  readonly valid: boolean;
  /** Number of instance files read. */
  readonly instances: number;
  readonly diagnostics: readonly Diagnostic[];
}

export function renderDiagnosticsJson(result: {
  readonly ok: boolean;
  readonly fileCount: number;
  readonly diagnostics: readonly Diagnostic[];
}): string {
  const report: ValidateJsonReport = {
    schemaVersion: 1,
    valid: result.ok,
    instances: result.fileCount,
    diagnostics: result.diagnostics.map((diagnostic) => ({
      file: diagnostic.file,
      line: diagnostic.line,
      column: diagnostic.column,
      path: diagnostic.path,
      code: diagnostic.code,
      severity: diagnostic.severity,
      message: diagnostic.message,
      ...(diagnostic.hint === undefined ? {} : { hint: diagnostic.hint }),
    })),
  };
  return `${stringifyRedacted(report)}\n`;
}
