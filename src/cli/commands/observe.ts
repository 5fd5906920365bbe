import { resolve } from "node:path";
import { writeSnapshotFileAtomic } from "../../adapters/snapshot-file.js";
import { ExitCode, InputError } from "../../core/diagnostics/errors.js";
import { describeGraphError, type ObservedSnapshot } from "../../core/snapshot/snapshot.js";
import type { CliContext } from "../context.js";
import { loadValidInstances } from "../load-instances.js";
import { requireAzureCredential } from "../offline-guidance.js";
import { observeLive } from "./observe-live.js";

export interface ObserveCommandOptions {
  readonly dir: string;
  readonly out: string;
}

/**
 * `cspops observe --out FILE` (docs/cli.md): exit 0 with the snapshot written (tenants that could not
 * be read are in it, with their error), 1 invalid instances or unwritable file, 3 when no tenant
 * could be read (nothing is written then, so the previous file stays whole).
 */
export async function runObserve(options: ObserveCommandOptions, context: CliContext): Promise<number> {
  const instances = await loadValidInstances(options.dir, context);
  requireAzureCredential(context, { takesObserved: false });
  const snapshot = await observeLive(instances, context, { takesObserved: false });
  const path = resolve(context.cwd, options.out);
  try {
    await writeSnapshotFileAtomic(path, snapshot);
  } catch (error) {
    throw new InputError(`cannot write the snapshot to ${options.out}: ${(error as Error).message}`, {
      hint: "--out must name a file in a folder that exists and that you may write to",
      cause: error,
    });
  }
  context.stderr.write(summarise(snapshot, options.out));
  return ExitCode.ok;
}

function summarise(snapshot: ObservedSnapshot, out: string): string {
  const tenants = Object.entries(snapshot.tenants);
  const unread: string[] = [];
  const partial: string[] = [];
  for (const [tenantId, tenant] of tenants) {
    if (tenant.error !== undefined)
      unread.push(`  ${tenantId}: not observed (${describeGraphError(tenant.error)})`);
    else if (tenant.errors !== undefined)
      partial.push(`  ${tenantId}: not observed: ${Object.keys(tenant.errors).join(", ")}`);
  }
  const head = `observed ${tenants.length - unread.length} of ${tenants.length} tenant(s) into ${out}`;
  return `${[head, ...unread, ...partial].join("\n")}\n`;
}
