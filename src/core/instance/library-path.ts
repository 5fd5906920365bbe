import { translateSchemaErrors } from "../schema-errors/schema-errors.js";
import { parseInstanceYamlWithLibrary } from "../yaml/yaml-library-parse.js";
import type { LibraryPath } from "./validation-steps.js";

/** The `yaml` library's parser and Ajv's errors in words, for `finishValidation` (validation-steps.ts). */
export const libraryPath: LibraryPath = { parse: parseInstanceYamlWithLibrary, translateSchemaErrors };
