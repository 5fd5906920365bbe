import type { LoadedInstance } from "../../core/instance/instance.js";
import type { ObservedSnapshot } from "../../core/snapshot/snapshot.js";

/** How far an observation has got, reported after each tenant. */
export interface ObserveProgress {
  readonly tenantsDone: number;
  readonly tenantsTotal: number;
}

export interface ObserveOptions {
  readonly onProgress?: ((progress: ObserveProgress) => void) | undefined;
}

/**
 * Port: reads the live state of every partner tenant the instances name, as an observed snapshot
 * (docs/snapshot.md). A tenant that cannot be read carries its `error` and the others are still reported;
 * when no tenant at all can be read, the observation fails with a `ServiceError` (exit 3).
 */
export interface DirectoryObserver {
  observeTenants(instances: readonly LoadedInstance[], options?: ObserveOptions): Promise<ObservedSnapshot>;
}
