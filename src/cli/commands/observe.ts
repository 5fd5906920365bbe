import { ExitCode } from "../../core/diagnostics/errors.js";
import type { LoadedInstance } from "../../core/instance/instance.js";
import { formatShard, type Shard, selectShard } from "../../core/shard/shard.js";
import { describeGraphError, type ObservedSnapshot } from "../../core/snapshot/snapshot.js";
import { neutraliseCommandLines, terminalText } from "../../render/escape/terminal.js";
import type { CliContext } from "../context.js";
import { loadValidInstances } from "../load-instances.js";
import { requireAzureCredential } from "../offline-guidance.js";
import { prepareSnapshotOutput } from "../snapshot-output.js";
import { observeLive } from "./observe-live.js";
import { describeShard, readShardOption } from "./observe-shard.js";

export interface ObserveCommandOptions {
  readonly dir: string;
  readonly out: string;
  readonly allowEmpty?: boolean | undefined;
  /** `--shard I/N`: observe only the tenants of shard I of N (docs/snapshot.md#shards). */
  readonly shard?: string | undefined;
}

/**
 * `cspops observe --out FILE` (docs/cli.md; `--out -` writes to stdout): exit 0 with the snapshot written (tenants that could not
 * be read are in it, with their error), 1 invalid instances or unwritable file, 3 when no tenant
 * could be read (nothing is written then, so the previous file stays whole). With `--shard I/N`,
 * only that shard's tenants are observed, and the snapshot says which shard it holds.
 */
export async function runObserve(options: ObserveCommandOptions, context: CliContext): Promise<number> {
  const shard = readShardOption(options.shard);
  // Before any Graph traffic: a target that cannot take the file fails now, not after observing.
  const output = await prepareSnapshotOutput(options.out, context);
  const instances = await loadValidInstances(options.dir, context, { allowEmpty: options.allowEmpty });
  requireAzureCredential(context, { takesObserved: false });
  const snapshot = await observeShard(instances, shard, context);
  await output.write(snapshot);
  context.stderr.write(neutraliseCommandLines(summarise(snapshot, output.shownAs)));
  return ExitCode.ok;
}

/** All instances' tenants, or only one shard's, recording which shard (after `observedAt`). */
async function observeShard(
  instances: readonly LoadedInstance[],
  shard: Shard | undefined,
  context: CliContext,
): Promise<ObservedSnapshot> {
  if (shard === undefined) return observeLive(instances, context, { takesObserved: false });
  const observed = await observeLive(selectShard(instances, shard), context, { takesObserved: false });
  return {
    schemaVersion: observed.schemaVersion,
    observedAt: observed.observedAt,
    shard: describeShard(shard, instances),
    tenants: observed.tenants,
  };
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
  const of = snapshot.shard === undefined ? "" : ` of shard ${formatShard(snapshot.shard)}`;
  const head = `observed ${tenants.length - unread.length} of ${tenants.length} tenant(s)${of} into ${terminalText(out)}`;
  return `${[head, ...unread, ...partial].join("\n")}\n`;
}
