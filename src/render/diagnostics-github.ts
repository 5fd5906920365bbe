import type { Diagnostic } from "../core/diagnostics/diagnostic.js";
import { markdownCode, markdownMessage } from "./escape/markdown.js";
import { workflowCommand } from "./escape/workflow-command.js";
import { plural } from "./plural.js";

/**
 * One GitHub Actions workflow command per diagnostic (`::error file=…,line=…,col=…,title=…::…`),
 * which GitHub shows as an annotation on the file's line in the pull request.
 */
export function renderDiagnosticsGithub(diagnostics: readonly Diagnostic[]): string {
  return diagnostics
    .map((diagnostic) => {
      const command = diagnostic.severity === "error" ? "error" : "warning";
      const text =
        diagnostic.hint === undefined
          ? diagnostic.message
          : `${diagnostic.message}\nhint: ${diagnostic.hint}`;
      return workflowCommand(
        command,
        { file: diagnostic.file, line: diagnostic.line, col: diagnostic.column, title: diagnostic.code },
        text,
      );
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
    const table = { table: true };
    lines.push("| | Location | Code | Problem | Fix |", "| --- | --- | --- | --- | --- |");
    for (const diagnostic of diagnostics.slice(0, maxRows)) {
      const icon = diagnostic.severity === "error" ? "❌" : "⚠️";
      const location = markdownCode(`${diagnostic.file}:${diagnostic.line}:${diagnostic.column}`, table);
      lines.push(
        `| ${icon} | ${location} | ${markdownCode(diagnostic.code, table)} | ${markdownMessage(diagnostic.message, table)} | ${markdownMessage(diagnostic.hint ?? "", table)} |`,
      );
    }
    if (diagnostics.length > maxRows)
      lines.push("", `… and ${diagnostics.length - maxRows} more (see the log).`);
  }
  return `${lines.join("\n")}\n\n`;
}
