import { createHash } from "node:crypto";
import { UsageError } from "../../core/diagnostics/errors.js";
import type { LoadedInstance } from "../../core/instance/instance.js";
import { describeInstanceSet } from "../../core/shard/instance-set.js";
import { parseShard } from "../../core/shard/parse-shard.js";
import type { Shard } from "../../core/shard/shard.js";
import type { SnapshotShard } from "../../core/snapshot/snapshot.js";

/** `--shard I/N` (docs/cli.md), checked before any work: a bad value is a usage error (exit 2). */
export function readShardOption(text: string | undefined): Shard | undefined {
  if (text === undefined) return undefined;
  const result = parseShard(text);
  if (result.ok) return result.shard;
  throw new UsageError(`--shard '${text}' ${result.problem}`, { hint: result.hint });
}

/**
 * What a shard's snapshot records (docs/snapshot.md#shards): which shard, and the SHA-256 of every
 * instance's observed inputs — all instances, not only this shard's, so that shards observed
 * from different instance files cannot be merged.
 */
export function describeShard(shard: Shard, allInstances: readonly LoadedInstance[]): SnapshotShard {
  const digest = createHash("sha256").update(describeInstanceSet(allInstances), "utf8").digest("hex");
  return { index: shard.index, count: shard.count, instanceSet: `sha256:${digest}` };
}
