import type { LoadedInstance } from "../instance/instance.js";
import { hashTenantId } from "./tenant-hash.js";

/** One share of a split observation: the `index`-th (1-based) of `count` shards. */
export interface Shard {
  readonly index: number;
  readonly count: number;
}

/**
 * The shard (1-based) a partner tenant belongs to when the tenants are split in `count`: a pure
 * function of the tenant id and `count` (docs/snapshot.md#shards), so every instance of a tenant
 * lands in the same shard, and adding or removing other tenants never moves it.
 */
export function shardOfTenant(tenantId: string, count: number): number {
  return (hashTenantId(tenantId) % count) + 1;
}

/** The instances whose partner tenant belongs to `shard`, in their order. */
export function selectShard(instances: readonly LoadedInstance[], shard: Shard): LoadedInstance[] {
  return instances.filter(
    ({ instance }) => shardOfTenant(instance.spec.partner.tenantId, shard.count) === shard.index,
  );
}

/** `2/4`, as the option takes it and messages show it. */
export function formatShard(shard: Shard): string {
  return `${shard.index}/${shard.count}`;
}
