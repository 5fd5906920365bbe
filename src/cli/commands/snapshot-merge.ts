import { resolve } from "node:path";
import {
  checkSnapshotTarget,
  readSnapshotFile,
  type SnapshotTarget,
  writeSnapshotFileAtomic,
} from "../../adapters/snapshot-file.js";
import { ExitCode, InputError } from "../../core/diagnostics/errors.js";
import { MergeRefusedError } from "../../core/shard/merge-refused-error.js";
import { mergeShards, type ShardInput } from "../../core/shard/merge-shards.js";
import { neutraliseCommandLines, terminalText } from "../../render/escape/terminal.js";
import type { CliContext } from "../context.js";

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
  const toStdout = options.out === "-";
  const path = resolve(context.cwd, options.out);
  const target: SnapshotTarget | undefined = toStdout
    ? undefined
    : await checkSnapshotTarget(path, options.out);
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
  const summary = `merged ${inputs.length} shard(s), ${Object.keys(merged.tenants).length} tenant(s) observed from ${merged.observedAt}, into ${toStdout ? "stdout" : terminalText(options.out)}\n`;
  if (target === undefined) {
    context.stdout.write(`${JSON.stringify(merged, null, 2)}\n`);
    context.stderr.write(neutraliseCommandLines(summary));
    return ExitCode.ok;
  }
  try {
    await writeSnapshotFileAtomic(path, merged, target.mode);
  } catch (error) {
    throw new InputError(`cannot write the snapshot to ${options.out}: ${(error as Error).message}`, {
      hint: "--out must name a file in a folder that exists and that you may write to",
      cause: error,
    });
  }
  context.stderr.write(neutraliseCommandLines(summary));
  return ExitCode.ok;
}
