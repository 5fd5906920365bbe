import type { Diagnostic } from "./diagnostic.js";
import { createLocator, type Locator } from "./positions.js";
import { parseYamlFast, parseYamlFastData } from "./yaml-fast-parse.js";

/** One instance file parsed into a YAML mapping, with the means to point into it. */
export interface ParsedYamlFile {
  readonly file: string;
  readonly text: string;
  readonly locator: Locator;
  /** The plain data, a fresh object the schema validator may fill with defaults. */
  readonly data: Record<string, unknown>;
}

export type ParseResult =
  | { readonly ok: true; readonly parsed: ParsedYamlFile }
  | { readonly ok: false; readonly diagnostics: readonly Diagnostic[] };

/**
 * Parses a file with the fast reader, or returns undefined when it is not plain block YAML; then
 * `parseInstanceYamlWithLibrary` (yaml-library-parse.ts) reads it. The split keeps the `yaml`
 * library (a third of `validate`'s start-up) unloaded unless a file needs it.
 */
export function parseInstanceYamlFast(file: string, text: string): ParsedYamlFile | undefined {
  const data = parseYamlFastData(text);
  if (data === undefined) return undefined;
  // Positions come from reading the text again, with positions, on first use.
  return { file, text, data, locator: createLocator(text, () => parseYamlFast(text)?.entries ?? []) };
}
