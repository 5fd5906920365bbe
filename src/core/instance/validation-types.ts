import type { Diagnostic } from "../diagnostics/diagnostic.js";
import type { LoadedInstance } from "./instance.js";

/** One instance file's content, as the file-system adapter (or a test, or the Pulumi program) read it. */
export interface InstanceSource {
  /** Repository-relative, `/`-separated; shown in diagnostics as is. */
  readonly file: string;
  readonly bytes: Uint8Array;
}

/**
 * The outcome of validating every instance file together. `instances` holds the files without
 * errors (all of them when `ok`); `diagnostics` are sorted by file and position and, when `ok`,
 * are warnings only. `fileCount` counts every instance file given, readable or not; YAML that
 * declares something else (`file.not-an-instance`, a warning) is skipped and not counted.
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
