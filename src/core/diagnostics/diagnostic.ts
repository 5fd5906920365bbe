/** How bad a finding in the instance files is: errors fail validation, warnings do not. */
export type Severity = "error" | "warning";

/**
 * One problem in the instance files, pointing at the offending value (or, for a missing or unknown
 * key, at its parent mapping). Lines and columns are 1-based.
 */
export interface Diagnostic {
  readonly file: string;
  readonly line: number;
  readonly column: number;
  /** JSON pointer into the document, `""` for the whole file. */
  readonly path: string;
  /** Stable dotted code, e.g. `pairing.unknown-primary`; tests and users rely on it. */
  readonly code: string;
  readonly severity: Severity;
  /** What is wrong, for a person. Never repeats a secret value. */
  readonly message: string;
  /** How to fix it. */
  readonly hint?: string;
}

export function isError(diagnostic: Diagnostic): boolean {
  return diagnostic.severity === "error";
}

/** Sorts by file, then position, then code, so every output is deterministic. */
export function compareDiagnostics(a: Diagnostic, b: Diagnostic): number {
  if (a.file !== b.file) return a.file < b.file ? -1 : 1;
  return a.line - b.line || a.column - b.column || (a.code < b.code ? -1 : a.code > b.code ? 1 : 0);
}
