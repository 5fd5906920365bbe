import { libraryPath } from "./library-path.js";
import { finishValidation, startValidation, type ValidationOptions } from "./validation-steps.js";
import type { InstanceSource, ValidationResult } from "./validation-types.js";

export type { InstanceSource, ValidationResult } from "./validation-types.js";

/**
 * Validates instance files: decode (UTF-8) → parse (YAML) → schema (with defaults) → rules over
 * all files together. Pure and total: every problem, however malformed the input, is a
 * diagnostic with a position, never an exception; one bad file never hides the others.
 * (`cspops validate` runs the same two steps itself, to load the `yaml` library only if needed.)
 */
export function validateInstanceSources(
  sources: readonly InstanceSource[],
  options: ValidationOptions = {},
): ValidationResult {
  return finishValidation(startValidation(sources, options), libraryPath);
}
