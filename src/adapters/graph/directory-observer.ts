import type { LoadedInstance } from "../../core/instance/instance.js";
import type { ObservedSnapshot } from "../../core/snapshot/snapshot.js";

/** How far an observation has got, reported after each tenant. */
export interface ObserveProgress {
  readonly tenantsDone: number;
  readonly tenantsTotal: number;
}

export interface ObserveOptions {
  readonly onProgress?: ((progress: ObserveProgress) => void) | undefined;
  /**
   * App ids already known per instance name (`knownAppIds` of a previous snapshot): their reads go
   * in the same round as the app lookup, so such a tenant is read in one round instead of two.
   * The snapshot is the same either way: reads of an id the lookup no longer finds are dropped.
   */
  readonly knownAppIds?: ReadonlyMap<string, readonly string[]> | undefined;
}

/**
 * Port: reads the live state of every partner tenant the instances name, as an observed snapshot
 * (docs/snapshot.md). A tenant that cannot be read carries its `error` and the others are still reported;
 * when no tenant at all can be read, the observation fails with a `ServiceError` (exit 3).
 */
export interface DirectoryObserver {
  observeTenants(instances: readonly LoadedInstance[], options?: ObserveOptions): Promise<ObservedSnapshot>;
}
