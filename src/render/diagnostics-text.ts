import { createColors } from "picocolors";
import type { Diagnostic } from "../core/diagnostics/diagnostic.js";
import { neutraliseCommandLines, terminalText } from "./escape/terminal.js";
import { plural } from "./plural.js";

export interface TextRenderOptions {
  readonly colour: boolean;
}

/**
 * `file:line:col severity code message`, one line per diagnostic (editors and terminals turn the
 * location into a link), its hint indented below. File names and messages carry outside text
 * (names of files, YAML keys and values): shown through `terminalText`.
 */
export function renderDiagnosticsText(
  diagnostics: readonly Diagnostic[],
  options: TextRenderOptions,
): string {
  const paint = createColors(options.colour);
  const text = diagnostics
    .map((diagnostic) => {
      const severity =
        diagnostic.severity === "error" ? paint.red(diagnostic.severity) : paint.yellow(diagnostic.severity);
      const line = `${terminalText(diagnostic.file)}:${diagnostic.line}:${diagnostic.column} ${severity} ${paint.dim(terminalText(diagnostic.code))} ${terminalText(diagnostic.message)}`;
      return diagnostic.hint === undefined
        ? `${line}\n`
        : `${line}\n  ${paint.dim("hint:")} ${terminalText(diagnostic.hint)}\n`;
    })
    .join("");
  return neutraliseCommandLines(text);
}

/** One line: how many errors and warnings in how many files, or that everything is valid. */
export function renderDiagnosticsSummary(diagnostics: readonly Diagnostic[], fileCount?: number): string {
  const errors = diagnostics.filter((diagnostic) => diagnostic.severity === "error").length;
  const warnings = diagnostics.length - errors;
  const files = fileCount === undefined ? "" : ` (${plural(fileCount, "instance file")} checked)`;
  if (errors > 0) {
    const failing = new Set(
      diagnostics
        .filter((diagnostic) => diagnostic.severity === "error")
        .map((diagnostic) => diagnostic.file),
    ).size;
    const warned = warnings > 0 ? ` and ${plural(warnings, "warning")}` : "";
    return `invalid: ${plural(errors, "error")}${warned} in ${plural(failing, "file")}${files}\n`;
  }
  if (fileCount === 0) return "no instance files found\n";
  const warned = warnings > 0 ? `, ${plural(warnings, "warning")}` : "";
  return `valid: ${plural(fileCount ?? 0, "instance file")}${warned}\n`;
}
