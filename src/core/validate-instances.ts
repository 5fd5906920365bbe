import type { Diagnostic } from "./diagnostic.js";
import type { LoadedInstance } from "./instance.js";
import { finishValidation, startValidation } from "./validation-steps.js";
import { parseInstanceYamlWithLibrary } from "./yaml-library-parse.js";

/** One instance file's content, as the file-system adapter (or a test, or the Pulumi program) read it. */
export interface InstanceSource {
  /** Repository-relative, `/`-separated; shown in diagnostics as is. */
  readonly file: string;
  readonly bytes: Uint8Array;
}

/**
 * The outcome of validating every instance file together. `instances` holds the files without
 * errors (all of them when `ok`); `diagnostics` are sorted by file and position and, when `ok`,
 * are warnings only. `fileCount` counts every file given, readable or not.
 */
export type ValidationResult =
  | {
      readonly ok: true;
      readonly instances: readonly LoadedInstance[];
      readonly diagnostics: readonly Diagnostic[];
      readonly fileCount: number;
    }
  | {
      readonly ok: false;
      readonly instances: readonly LoadedInstance[];
      readonly diagnostics: readonly Diagnostic[];
      readonly fileCount: number;
    };

/**
 * Validates instance files: decode (UTF-8) → parse (YAML) → schema (with defaults) → rules over
 * all files together. Pure and total: every problem, however malformed the input, is a
 * diagnostic with a position, never an exception; one bad file never hides the others.
 * (`cspops validate` runs the same two steps itself, to load the `yaml` library only if needed.)
 */
export function validateInstanceSources(sources: readonly InstanceSource[]): ValidationResult {
  return finishValidation(startValidation(sources), parseInstanceYamlWithLibrary);
}
