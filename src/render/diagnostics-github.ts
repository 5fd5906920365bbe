import type { Diagnostic } from "../core/diagnostics/diagnostic.js";
import { plural } from "./plural.js";

/**
 * One GitHub Actions workflow command per diagnostic (`::error file=…,line=…,col=…,title=…::…`),
 * which GitHub shows as an annotation on the file's line in the pull request.
 */
export function renderDiagnosticsGithub(diagnostics: readonly Diagnostic[]): string {
  return diagnostics
    .map((diagnostic) => {
      const command = diagnostic.severity === "error" ? "error" : "warning";
      const properties = [
        `file=${escapeProperty(diagnostic.file)}`,
        `line=${diagnostic.line}`,
        `col=${diagnostic.column}`,
        `title=${escapeProperty(diagnostic.code)}`,
      ].join(",");
      const text =
        diagnostic.hint === undefined
          ? diagnostic.message
          : `${diagnostic.message}\nhint: ${diagnostic.hint}`;
      return `::${command} ${properties}::${escapeData(text)}\n`;
    })
    .join("");
}

/** The step summary is for people: a table, capped so a huge run stays under GitHub's 1 MiB. */
export function renderDiagnosticsStepSummary(
  diagnostics: readonly Diagnostic[],
  fileCount: number,
  maxRows = 200,
): string {
  const errors = diagnostics.filter((diagnostic) => diagnostic.severity === "error").length;
  const warnings = diagnostics.length - errors;
  const verdict = errors > 0 ? "❌ invalid" : "✅ valid";
  const lines = [
    `### cspops validate: ${verdict}`,
    "",
    `${plural(fileCount, "instance file")}, ${plural(errors, "error")}, ${plural(warnings, "warning")}.`,
    "",
  ];
  if (diagnostics.length > 0) {
    lines.push("| | Location | Code | Problem | Fix |", "| --- | --- | --- | --- | --- |");
    for (const diagnostic of diagnostics.slice(0, maxRows)) {
      const icon = diagnostic.severity === "error" ? "❌" : "⚠️";
      lines.push(
        `| ${icon} | \`${cell(diagnostic.file)}:${diagnostic.line}:${diagnostic.column}\` | \`${diagnostic.code}\` | ${cell(diagnostic.message)} | ${cell(diagnostic.hint ?? "")} |`,
      );
    }
    if (diagnostics.length > maxRows)
      lines.push("", `… and ${diagnostics.length - maxRows} more (see the log).`);
  }
  return `${lines.join("\n")}\n\n`;
}

/** Workflow command data: `%`, CR and LF are escaped (actions/toolkit `escapeData`). */
export function escapeData(text: string): string {
  return text.replaceAll("%", "%25").replaceAll("\r", "%0D").replaceAll("\n", "%0A");
}

/** Workflow command properties also escape `:` and `,` (actions/toolkit `escapeProperty`). */
export function escapeProperty(text: string): string {
  return escapeData(text).replaceAll(":", "%3A").replaceAll(",", "%2C");
}

function cell(text: string): string {
  return text.replaceAll("|", "\\|").replaceAll(/\r?\n/g, " ");
}
