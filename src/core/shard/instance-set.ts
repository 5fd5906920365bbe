import type { LoadedInstance } from "../instance/instance.js";
import { normaliseTenantId } from "./tenant-hash.js";

/**
 * The canonical text of what decides an observation (docs/snapshot.md#shards): per instance, its
 * name, partner tenant, cloud, adopted app id and admin agent — what the observer asks Graph for.
 * Sorted, so file order does not matter; the caller hashes it into `shard.instanceSet`, and
 * shards whose texts differ were observed from different instance files and must not be merged.
 */
export function describeInstanceSet(instances: readonly LoadedInstance[]): string {
  const lines = instances.map(({ instance }) =>
    [
      instance.metadata.name,
      normaliseTenantId(instance.spec.partner.tenantId),
      instance.spec.cloud,
      instance.spec.app.existingAppId ?? "",
      instance.spec.consent.adminAgent.toLowerCase(),
    ].join("\t"),
  );
  return `${lines.sort().join("\n")}\n`;
}
