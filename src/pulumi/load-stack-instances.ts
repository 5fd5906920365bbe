import { stat } from "node:fs/promises";
import path from "node:path";
import * as pulumi from "@pulumi/pulumi";
import { readInstanceSources } from "../adapters/instance-files.js";
import { InputError } from "../core/diagnostics/errors.js";
import type { LoadedInstance } from "../core/instance/instance.js";
import { validateInstanceSources } from "../core/instance/validate-instances.js";
import { renderDiagnosticsSummary, renderDiagnosticsText } from "../render/diagnostics-text.js";

/**
 * Reads and validates the instances folder exactly as `cspops validate` does. Invalid files stop
 * the program before any resource is registered, with `validate`'s text as the error (a
 * `RunError`, which Pulumi prints without a stack trace). Warnings go to `warn`.
 */
export async function loadStackInstances(
  dir: string,
  cwd: string,
  warn: (text: string) => void,
): Promise<readonly LoadedInstance[]> {
  await requireFolder(dir, cwd);
  const result = validateInstanceSources(await readInstanceSources(dir, cwd));
  const text = renderDiagnosticsText(result.diagnostics, { colour: false });
  if (!result.ok) {
    throw new pulumi.RunError(`${text}${renderDiagnosticsSummary(result.diagnostics, result.fileCount)}`);
  }
  if (result.fileCount === 0) {
    // An empty stack would delete every app: a wrong CSPOPS_INSTANCES_DIR must not do that.
    throw new InputError(
      `no instance files in '${dir}': refusing to plan a stack that would delete every app`,
      {
        hint: "set CSPOPS_INSTANCES_DIR to the folder of instance files; to remove everything, run pulumi destroy",
      },
    );
  }
  if (result.diagnostics.length > 0) warn(text.trimEnd());
  return result.instances;
}

/** The reader's own message suggests `--dir`, which the Pulumi program does not have. */
async function requireFolder(dir: string, cwd: string): Promise<void> {
  const isFolder = await stat(path.resolve(cwd, dir)).then(
    (stats) => stats.isDirectory(),
    () => false,
  );
  if (!isFolder) {
    throw new InputError(`the instances folder '${dir}' does not exist under ${cwd}`, {
      hint: "set CSPOPS_INSTANCES_DIR to the folder of instance files (default: instances/ beside Pulumi.yaml)",
    });
  }
}
