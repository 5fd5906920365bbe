import { resolve } from "node:path";
import { readSnapshotFile } from "../../adapters/snapshot-file.js";
import { ExitCode } from "../../core/diagnostics/errors.js";
import { MergeRefusedError } from "../../core/shard/merge-refused-error.js";
import { mergeShards, type ShardInput } from "../../core/shard/merge-shards.js";
import { neutraliseCommandLines, terminalText } from "../../render/escape/terminal.js";
import type { CliContext } from "../context.js";
import { prepareSnapshotOutput } from "../snapshot-output.js";

export interface SnapshotMergeOptions {
  readonly files: readonly string[];
  readonly out: string;
}

/**
 * `cspops snapshot merge A.json B.json … --out FILE` (docs/cli.md): exit 0 with the merged snapshot
 * written atomically, 1 when an input is unreadable or not a snapshot, the shards cannot be merged
 * (docs/snapshot.md#merging-shards), or the target is not writable; nothing is written then.
 * Reads files only: no Graph, no credential.
 */
export async function runSnapshotMerge(options: SnapshotMergeOptions, context: CliContext): Promise<number> {
  const output = await prepareSnapshotOutput(options.out, context);
  const inputs: ShardInput[] = [];
  for (const file of options.files) {
    const snapshot = await readSnapshotFile(resolve(context.cwd, file), {
      displayPath: file,
      hint: "pass the files `cspops observe --shard I/N --out FILE` wrote, one per shard",
    });
    inputs.push({ name: file, snapshot });
  }
  const result = mergeShards(inputs);
  if (!result.ok) throw new MergeRefusedError(result.refusal);
  const merged = result.snapshot;
  await output.write(merged);
  context.stderr.write(
    neutraliseCommandLines(
      `merged ${inputs.length} shard(s), ${Object.keys(merged.tenants).length} tenant(s) observed from ${merged.observedAt}, into ${terminalText(output.shownAs)}\n`,
    ),
  );
  return ExitCode.ok;
}
