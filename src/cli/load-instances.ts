import { readInstanceSources } from "../adapters/instance-files.js";
import { InvalidInstancesError } from "../core/errors.js";
import type { LoadedInstance } from "../core/instance.js";
import { validateInstanceSources } from "../core/validate-instances.js";
import { type CliContext, useColour } from "./context.js";
import { renderDiagnosticsText } from "./render/diagnostics-text.js";

/**
 * Reads and validates the instance files for a command that acts on them (reconcile, drift,
 * consent-link, …). Warnings go to stderr; any error stops the command with
 * `InvalidInstancesError`, which the CLI boundary prints exactly as `validate` would.
 */
export async function loadValidInstances(
  dir: string,
  context: CliContext,
): Promise<readonly LoadedInstance[]> {
  const result = validateInstanceSources(await readInstanceSources(dir, context.cwd));
  if (!result.ok) throw new InvalidInstancesError(result.diagnostics);
  if (result.diagnostics.length > 0) {
    context.stderr.write(
      renderDiagnosticsText(result.diagnostics, { colour: useColour(context.stderr, context.env) }),
    );
  }
  return result.instances;
}
