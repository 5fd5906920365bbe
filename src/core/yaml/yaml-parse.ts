import type { Diagnostic } from "../diagnostics/diagnostic.js";
import type { Locator } from "./positions.js";
import { loadYamlData } from "./yaml-fast-load.js";

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
 * Parses a file on the fast path (yaml-fast-load.ts), or returns undefined when it must go to
 * `parseInstanceYamlWithLibrary` (yaml-library-parse.ts). The result has data but no positions:
 * its locator places everything at 1:1, the start of the root. It serves to screen the file;
 * a file with anything to report is read again by the `yaml` library, which knows positions.
 * The split keeps the `yaml` library (a third of `validate`'s start-up) unloaded unless needed.
 */
export function parseInstanceYamlFast(file: string, text: string): ParsedYamlFile | undefined {
  const data = loadYamlData(text);
  return data === undefined ? undefined : { file, text, data, locator: UNPLACED };
}

/** The locator of a file read on the fast path, which knows no positions. */
const UNPLACED: Locator = {
  locate: () => ({ line: 1, column: 1 }),
  positionOf: () => ({ line: 1, column: 1 }),
  pointerAt: () => "",
};
