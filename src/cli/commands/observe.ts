import { existsSync } from "node:fs";
import { resolve } from "node:path";
import {
  checkSnapshotTarget,
  readSnapshotFile,
  type SnapshotTarget,
  writeSnapshotFileAtomic,
} from "../../adapters/snapshot-file.js";
import { ExitCode, InputError } from "../../core/diagnostics/errors.js";
import type { LoadedInstance } from "../../core/instance/instance.js";
import { knownAppIds } from "../../core/snapshot/known-app-ids.js";
import { describeGraphError, type ObservedSnapshot } from "../../core/snapshot/snapshot.js";
import { neutraliseCommandLines, terminalText } from "../../render/escape/terminal.js";
import type { CliContext } from "../context.js";
import { loadValidInstances } from "../load-instances.js";
import { requireAzureCredential } from "../offline-guidance.js";
import { observeLive } from "./observe-live.js";

export interface ObserveCommandOptions {
  readonly dir: string;
  readonly out: string;
  readonly allowEmpty?: boolean | undefined;
  /** `--previous FILE`: app ids an earlier observation recorded (docs/cli.md). */
  readonly previous?: string | undefined;
}

/**
 * `cspops observe --out FILE` (docs/cli.md; `--out -` writes to stdout): exit 0 with the snapshot written (tenants that could not
 * be read are in it, with their error), 1 invalid instances or unwritable file, 3 when no tenant
 * could be read (nothing is written then, so the previous file stays whole).
 */
export async function runObserve(options: ObserveCommandOptions, context: CliContext): Promise<number> {
  const toStdout = options.out === "-";
  const path = resolve(context.cwd, options.out);
  // Before any Graph traffic: a target that cannot take the file fails now, not after observing.
  const target: SnapshotTarget | undefined = toStdout
    ? undefined
    : await checkSnapshotTarget(path, options.out);
  const instances = await loadValidInstances(options.dir, context, { allowEmpty: options.allowEmpty });
  requireAzureCredential(context, { takesObserved: false });
  const known = await readKnownAppIds(options.previous, instances, context);
  const snapshot = await observeLive(instances, context, { takesObserved: false }, undefined, {
    knownAppIds: known,
  });
  if (target === undefined) {
    context.stdout.write(`${JSON.stringify(snapshot, null, 2)}\n`);
    context.stderr.write(summarise(snapshot, "stdout"));
    return ExitCode.ok;
  }
  try {
    await writeSnapshotFileAtomic(path, snapshot, target.mode);
  } catch (error) {
    throw new InputError(`cannot write the snapshot to ${options.out}: ${(error as Error).message}`, {
      hint: "--out must name a file in a folder that exists and that you may write to",
      cause: error,
    });
  }
  context.stderr.write(neutraliseCommandLines(summarise(snapshot, options.out)));
  return ExitCode.ok;
}

/** A `--previous` file that does not exist yet (the first run) only means no app id is known. */
async function readKnownAppIds(
  previous: string | undefined,
  instances: readonly LoadedInstance[],
  context: CliContext,
): Promise<Map<string, readonly string[]> | undefined> {
  if (previous === undefined) return undefined;
  const path = resolve(context.cwd, previous);
  if (!existsSync(path)) return undefined;
  return knownAppIds(await readSnapshotFile(path, { displayPath: previous }), instances);
}

function summarise(snapshot: ObservedSnapshot, out: string): string {
  const tenants = Object.entries(snapshot.tenants);
  const unread: string[] = [];
  const partial: string[] = [];
  for (const [tenantId, tenant] of tenants) {
    if (tenant.error !== undefined)
      unread.push(
        `  ${terminalText(tenantId)}: not observed (${terminalText(describeGraphError(tenant.error))})`,
      );
    else if (tenant.errors !== undefined)
      partial.push(
        `  ${terminalText(tenantId)}: not observed: ${terminalText(Object.keys(tenant.errors).join(", "))}`,
      );
  }
  const head = `observed ${tenants.length - unread.length} of ${tenants.length} tenant(s) into ${terminalText(out)}`;
  return `${[head, ...unread, ...partial].join("\n")}\n`;
}
