import { readInstanceSources } from "../adapters/instance-files.js";
import { InvalidInstancesError } from "../core/diagnostics/errors.js";
import type { LoadedInstance } from "../core/instance/instance.js";
import type { InstanceSource, ValidationResult } from "../core/instance/validate-instances.js";
import {
  finishValidation,
  startValidation,
  type ValidationOptions,
} from "../core/instance/validation-steps.js";
import { renderDiagnosticsText } from "../render/diagnostics-text.js";
import { type CliContext, useColour } from "./context.js";

/**
 * Reads and validates the instance files for a command that acts on them (reconcile, drift,
 * consent-link, …). Warnings go to stderr; any error stops the command with
 * `InvalidInstancesError`, which the CLI boundary prints exactly as `validate` would.
 */
export async function loadValidInstances(
  dir: string,
  context: CliContext,
): Promise<readonly LoadedInstance[]> {
  const result = await validateSources(await readInstanceSources(dir, context.cwd));
  if (!result.ok) throw new InvalidInstancesError(result.diagnostics);
  if (result.diagnostics.length > 0) {
    context.stderr.write(
      renderDiagnosticsText(result.diagnostics, { colour: useColour(context.stderr, context.env) }),
    );
  }
  return result.instances;
}

/**
 * `validateInstanceSources`, but the `yaml` library (a third of the CLI's start-up) is imported
 * only when a file needs it: YAML the fast path declines, or something to report, with positions.
 */
export async function validateSources(
  sources: readonly InstanceSource[],
  options: ValidationOptions = {},
): Promise<ValidationResult> {
  const started = startValidation(sources, options);
  if (!started.needsLibrary) return finishValidation(started, refuseLibraryParse);
  const { parseInstanceYamlWithLibrary } = await import("../core/yaml/yaml-library-parse.js");
  return finishValidation(started, parseInstanceYamlWithLibrary);
}

function refuseLibraryParse(): never {
  throw new Error("no file needs the yaml library");
}
