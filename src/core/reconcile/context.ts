import type { LoadedInstance, PartnerInstance } from "../instance/instance.js";
import type { GraphApplication, GraphServicePrincipal } from "../snapshot/snapshot.js";
import type { Finding } from "./report.js";
import type { TenantIndex } from "./tenant-index.js";

/** What every rule may read about the instance being planned. */
export interface InstanceContext {
  readonly loaded: LoadedInstance;
  readonly instance: PartnerInstance;
  readonly tenant: TenantIndex;
  /** The planning instant, epoch milliseconds (UTC). */
  readonly now: number;
}

/** The context once the instance's application was found. */
export interface AppContext extends InstanceContext {
  readonly app: GraphApplication;
  /** The app's service principal in the tenant; `undefined` when absent or not observed. */
  readonly servicePrincipal: GraphServicePrincipal | undefined;
  /** Adopted by `existingAppId`: Pulumi does not manage it, so people fix drift by hand. */
  readonly adopted: boolean;
}

/** A check of the app against the YAML; adding a drift check is one file plus one line in the planner. */
export type DriftRule = (context: AppContext) => readonly Finding[];
