import type { Diagnostic } from "./diagnostic.js";

/** A person fixes a file a few problems at a time; past this many, more only floods the output. */
export const MAX_DIAGNOSTICS_PER_FILE = 50;

/**
 * Keeps the first `MAX_DIAGNOSTICS_PER_FILE` diagnostics of each file (`sorted` is in
 * `compareDiagnostics` order) and replaces the rest with one `file.more-problems` diagnostic that
 * says how many were left out, placed where the first of them was. It is an error when any of
 * them is, so the summary line counts the file as failing either way.
 */
export function capDiagnosticsPerFile(sorted: readonly Diagnostic[]): Diagnostic[] {
  const kept: Diagnostic[] = [];
  let index = 0;
  while (index < sorted.length) {
    const first = sorted[index] as Diagnostic;
    let end = index;
    while (end < sorted.length && (sorted[end] as Diagnostic).file === first.file) end++;
    const shown = Math.min(end - index, MAX_DIAGNOSTICS_PER_FILE);
    for (let at = index; at < index + shown; at++) kept.push(sorted[at] as Diagnostic);
    if (end - index > shown) kept.push(summarise(sorted.slice(index + shown, end)));
    index = end;
  }
  return kept;
}

function summarise(omitted: readonly Diagnostic[]): Diagnostic {
  const first = omitted[0] as Diagnostic;
  const errors = omitted.filter((diagnostic) => diagnostic.severity === "error").length;
  return {
    file: first.file,
    line: first.line,
    column: first.column,
    path: "",
    code: "file.more-problems",
    severity: errors > 0 ? "error" : "warning",
    message: `${omitted.length} more problem(s) in this file are not shown (${errors} error(s)); cspops shows the first ${MAX_DIAGNOSTICS_PER_FILE} of each file`,
    hint: "fix the problems shown and run validate again",
  };
}
