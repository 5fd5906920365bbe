import type { Shard } from "./shard.js";

/**
 * More shards than this is a typing mistake: GitHub Actions runs at most 256 jobs of one matrix,
 * and a shard per tenant of the largest fleets is still far below it.
 */
export const MAX_SHARDS = 10_000;

export type ParseShardResult =
  | { readonly ok: true; readonly shard: Shard }
  | { readonly ok: false; readonly problem: string; readonly hint: string };

/** `I/N` (docs/cli.md): integers with 1 ≤ I ≤ N ≤ `MAX_SHARDS`; never throws. */
export function parseShard(text: string): ParseShardResult {
  const match = /^(\d+)\/(\d+)$/.exec(text.trim());
  if (match === null) {
    return refuse("is not I/N", "for example --shard 2/4: the second of four shards, 1 ≤ I ≤ N");
  }
  const [index, count] = [Number(match[1]), Number(match[2])];
  if (count < 1 || count > MAX_SHARDS) {
    return refuse(`splits into ${count} shards`, `N counts the shards: from 1 to ${MAX_SHARDS}`);
  }
  if (index < 1 || index > count) {
    return refuse(
      `names shard ${index} of ${count}`,
      `shards count from 1: use 1/${count} … ${count}/${count}`,
    );
  }
  return { ok: true, shard: { index, count } };
}

function refuse(problem: string, hint: string): ParseShardResult {
  return { ok: false, problem, hint };
}
