import { listInstanceFiles, readInstanceFile } from "../adapters/instance-files.js";
import type { Diagnostic } from "../core/diagnostics/diagnostic.js";
import { InputError, InvalidInstancesError } from "../core/diagnostics/errors.js";
import type { LoadedInstance } from "../core/instance/instance.js";
import type { InstanceSource, ValidationResult } from "../core/instance/validate-instances.js";
import {
  finishValidation,
  type LibraryPath,
  type StartedValidation,
  startValidation,
  startValidationFrom,
  type ValidationOptions,
} from "../core/instance/validation-steps.js";
import { renderDiagnosticsText } from "../render/diagnostics-text.js";
import { type CliContext, useColour } from "./context.js";
import { validateThreads } from "./validate-threads.js";

/**
 * Reads and validates the instance files for a command that acts on them (reconcile, drift,
 * consent-link, …). Warnings go to stderr; any error stops the command with
 * `InvalidInstancesError`, which the CLI boundary prints exactly as `validate` would. A folder
 * without instance files stops it too, unless `allowEmpty` (`--allow-empty`).
 */
export async function loadValidInstances(
  dir: string,
  context: CliContext,
  options: { readonly allowEmpty?: boolean | undefined } = {},
): Promise<readonly LoadedInstance[]> {
  const result = await readAndValidate(dir, context);
  if (!result.ok) throw new InvalidInstancesError(result.diagnostics);
  if (result.fileCount === 0 && options.allowEmpty !== true) throw noInstanceFiles(dir, result.diagnostics);
  if (result.diagnostics.length > 0) {
    context.stderr.write(
      renderDiagnosticsText(result.diagnostics, { colour: useColour(context.stderr, context.env) }),
    );
  }
  return result.instances;
}

/**
 * Reads the instance files of `dir` and validates them (`validateSources`). With many files, the
 * reading and the checks of each file on its own run on several threads (validate-parallel.ts,
 * `validateThreads`); the result is the same, diagnostic for diagnostic.
 */
export async function readAndValidate(
  dir: string,
  context: CliContext,
  options: ValidationOptions = {},
): Promise<ValidationResult> {
  const listing = await listInstanceFiles(dir, context.cwd);
  const threads = validateThreads(listing.names.length, context.env);
  if (threads > 1) {
    const { checkInParallel } = await import("./validate-parallel.js");
    const checked = await checkInParallel(listing, threads, {
      keepData: options.instancesWanted !== false,
    });
    // Undefined when a file could not be read: one thread reads again and says which, as always.
    if (checked !== undefined) return finish(startValidationFrom(checked.sources, checked.outcomes, options));
  }
  return validateSources(
    listing.names.map((name) => readInstanceFile(listing, name)),
    options,
  );
}

/**
 * `validateInstanceSources`, but the `yaml` library (a third of the CLI's start-up) and the
 * translation of schema errors are imported only when a file needs them (`LibraryPath`): YAML the
 * fast path declines, or something to report, with positions.
 */
export async function validateSources(
  sources: readonly InstanceSource[],
  options: ValidationOptions = {},
): Promise<ValidationResult> {
  return finish(startValidation(sources, options));
}

async function finish(started: StartedValidation): Promise<ValidationResult> {
  if (!started.needsLibrary) return finishValidation(started, NO_LIBRARY);
  const { libraryPath } = await import("../core/instance/library-path.js");
  return finishValidation(started, libraryPath);
}

function refuseLibrary(): never {
  throw new Error("no file needs the yaml library");
}

const NO_LIBRARY: LibraryPath = { parse: refuseLibrary, translateSchemaErrors: refuseLibrary };

/**
 * A folder without instance files (or with other YAML only) is most often the wrong folder, and a
 * gate pointed at it must not pass: say which files it held and how to proceed.
 */
export function noInstanceFiles(dir: string, diagnostics: readonly Diagnostic[]): InputError {
  const skipped = diagnostics
    .filter((diagnostic) => diagnostic.code === "file.not-an-instance")
    .map((diagnostic) => diagnostic.file);
  const held =
    skipped.length === 0
      ? "it holds no *.yaml or *.yml file"
      : `${skipped.join(", ")} ${skipped.length === 1 ? "is not an instance file" : "are not instance files"} (no \`apiVersion: cspops/v1\`, \`kind: PartnerInstance\`)`;
  return new InputError(`no instance files in '${dir}': ${held}`, {
    hint: "point --dir at the folder of instance files (instances/ by default), or pass --allow-empty when an empty folder is expected",
  });
}
