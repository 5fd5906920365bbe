import { resolve } from "node:path";
import { readSnapshotFile } from "../adapters/snapshot-file.js";
import type { LoadedInstance } from "../core/instance/instance.js";
import type { ObservedSnapshot } from "../core/snapshot/snapshot.js";
import type { CliContext } from "./context.js";
import { requireAzureCredential } from "./offline-guidance.js";

export interface ObtainSnapshotOptions {
  /** `--observed FILE`: a snapshot written by `cspops observe --out`. */
  readonly observed?: string | undefined;
  /** `--dir`: the instances folder (for messages and live observation). */
  readonly dir: string;
}

/**
 * The observed state the planner judges: read from `--observed FILE`, or observed live
 * through Microsoft Graph for the given instances only.
 */
export async function obtainSnapshot(
  options: ObtainSnapshotOptions,
  instances: readonly LoadedInstance[],
  context: CliContext,
): Promise<ObservedSnapshot> {
  if (options.observed !== undefined) {
    return readSnapshotFile(resolve(context.cwd, options.observed), { displayPath: options.observed });
  }
  // Nothing to sign in with: say so now, before the SDKs load and the credential chain probes.
  requireAzureCredential(context, { takesObserved: true });
  // Live: Graph and @azure/identity load only here, so commands that never observe stay light.
  const { observeLive } = await import("./commands/observe-live.js");
  return observeLive(instances, context, { takesObserved: true });
}
