import { parseGraphDateTime } from "../reconcile/dates.js";
import {
  type ObservedSnapshot,
  SNAPSHOT_SCHEMA_VERSION,
  type SnapshotShard,
  type TenantObservation,
} from "../snapshot/snapshot.js";
import { formatShard, shardOfTenant } from "./shard.js";
import { normaliseTenantId } from "./tenant-hash.js";

/** One snapshot to merge, with the name messages give it (the path as the user typed it). */
export interface ShardInput {
  readonly name: string;
  readonly snapshot: ObservedSnapshot;
}

/** Why shards cannot be merged; each kind names the file(s) and what to do (docs/snapshot.md#merging-shards). */
export type MergeRefusalKind =
  | "not-a-shard"
  | "different-split"
  | "different-instance-set"
  | "duplicate-shard"
  | "overlap"
  | "tenant-in-wrong-shard"
  | "missing-shard";

export interface MergeRefusal {
  readonly kind: MergeRefusalKind;
  readonly message: string;
  readonly hint: string;
}

export type MergeShardsResult =
  | { readonly ok: true; readonly snapshot: ObservedSnapshot }
  | { readonly ok: false; readonly refusal: MergeRefusal };

const RERUN = "observe every shard of one run from the same instance files, then merge all of them";

/**
 * Joins the snapshots of all shards of one split (docs/snapshot.md#merging-shards) into the
 * snapshot one unsharded observation would have written: every tenant once, in shard order, and
 * the earliest `observedAt` (the merged state is as old as its oldest part). Refuses anything
 * that would make the result lie: a snapshot that is not a shard, shards of different splits or
 * instance sets, a shard twice or missing, a tenant in two inputs or in the wrong shard. Pure.
 */
export function mergeShards(inputs: readonly ShardInput[]): MergeShardsResult {
  const shards = checkShards(inputs);
  if (!shards.ok) return shards;
  const tenants = new Map<string, readonly [string, TenantObservation, string]>();
  for (const { name, snapshot } of inputs) {
    const shard = snapshot.shard as SnapshotShard;
    for (const [tenantId, observation] of Object.entries(snapshot.tenants)) {
      const key = normaliseTenantId(tenantId);
      const earlier = tenants.get(key);
      if (earlier !== undefined) return refuse("overlap", overlapMessage(tenantId, earlier[2], name), RERUN);
      const belongs = shardOfTenant(tenantId, shard.count);
      if (belongs !== shard.index) {
        return refuse(
          "tenant-in-wrong-shard",
          `${name} holds tenant ${tenantId}, which belongs to shard ${belongs}/${shard.count}, not ${formatShard(shard)}`,
          "the file was changed after `cspops observe --shard` wrote it: observe that shard again",
        );
      }
      tenants.set(key, [tenantId, observation, name]);
    }
  }
  return {
    ok: true,
    snapshot: {
      schemaVersion: SNAPSHOT_SCHEMA_VERSION,
      observedAt: earliestObservedAt(inputs),
      tenants: Object.fromEntries(
        [...tenants.values()].map(([tenantId, observation]) => [tenantId, observation]),
      ),
    },
  };
}

/** Every input is a shard of the same split and instance set, and each shard is there once. */
function checkShards(
  inputs: readonly ShardInput[],
): { readonly ok: true } | Extract<MergeShardsResult, { ok: false }> {
  const first = inputs[0];
  if (first === undefined)
    return refuse("missing-shard", "no snapshot to merge", "pass the files of all shards");
  const byIndex = new Map<number, string>();
  let reference: { readonly name: string; readonly shard: SnapshotShard } | undefined;
  for (const { name, snapshot } of inputs) {
    const shard = snapshot.shard;
    if (shard === undefined) {
      return refuse(
        "not-a-shard",
        `${name} is not a shard's snapshot: it was observed without --shard and holds every tenant already`,
        "merge only the files `cspops observe --shard I/N --out FILE` wrote, all N of one run",
      );
    }
    reference ??= { name, shard };
    if (shard.count !== reference.shard.count) {
      return refuse(
        "different-split",
        `${name} is shard ${formatShard(shard)} but ${reference.name} is shard ${formatShard(reference.shard)}: they split the tenants differently`,
        `${RERUN}, with the same N`,
      );
    }
    if (shard.instanceSet !== reference.shard.instanceSet) {
      return refuse(
        "different-instance-set",
        `${name} and ${reference.name} were observed from different instance files (instance sets ${shortFingerprint(shard.instanceSet)}… and ${shortFingerprint(reference.shard.instanceSet)}…)`,
        RERUN,
      );
    }
    const twin = byIndex.get(shard.index);
    if (twin !== undefined) {
      return refuse(
        "duplicate-shard",
        `${twin} and ${name} are both shard ${formatShard(shard)}`,
        `pass each of the ${shard.count} shards once`,
      );
    }
    byIndex.set(shard.index, name);
  }
  const count = (reference as { readonly shard: SnapshotShard }).shard.count;
  const missing = Array.from({ length: count }, (_, at) => at + 1).filter((index) => !byIndex.has(index));
  if (missing.length > 0) {
    const listed = missing.map((index) => `${index}/${count}`).join(", ");
    return refuse(
      "missing-shard",
      `shard ${listed} ${missing.length === 1 ? "is" : "are"} missing: a merge needs all ${count} shards`,
      `pass the snapshot of every shard 1/${count} … ${count}/${count}; a shard whose job failed must be observed again`,
    );
  }
  return { ok: true };
}

function overlapMessage(tenantId: string, earlierFile: string, file: string): string {
  return earlierFile === file
    ? `${file} holds tenant ${tenantId} twice (in different cases)`
    : `tenant ${tenantId} is in both ${earlierFile} and ${file}`;
}

/** The earliest instant; on a tie, the first input's spelling. Inputs passed the schema's date check. */
function earliestObservedAt(inputs: readonly ShardInput[]): string {
  let earliest: { readonly text: string; readonly at: number } | undefined;
  for (const { snapshot } of inputs) {
    const at = parseGraphDateTime(snapshot.observedAt) ?? Number.POSITIVE_INFINITY;
    if (earliest === undefined || at < earliest.at) earliest = { text: snapshot.observedAt, at };
  }
  return (earliest as { readonly text: string }).text;
}

function shortFingerprint(instanceSet: string): string {
  return instanceSet.slice(0, "sha256:".length + 12);
}

function refuse(
  kind: MergeRefusalKind,
  message: string,
  hint: string,
): Extract<MergeShardsResult, { ok: false }> {
  return { ok: false, refusal: { kind, message, hint } };
}
