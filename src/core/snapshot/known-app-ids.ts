import { instanceTag } from "../instance/identifiers.js";
import type { LoadedInstance } from "../instance/instance.js";
import type { ObservedSnapshot } from "./snapshot.js";

/**
 * The app ids a previous snapshot recorded for each instance: the apps in the instance's tenant
 * that carry its tag (`cspops:instance:<name>`), or whose `appId` the YAML adopts. The observer
 * reads those apps' service principal, grants and sign-ins in the same round as the apps
 * themselves (docs/snapshot.md#what-the-observer-reads); a stale id costs reads, never accuracy.
 */
export function knownAppIds(
  previous: ObservedSnapshot,
  instances: readonly LoadedInstance[],
): Map<string, readonly string[]> {
  const tenants = new Map(
    Object.entries(previous.tenants).map(([tenantId, tenant]) => [tenantId.toLowerCase(), tenant]),
  );
  const known = new Map<string, readonly string[]>();
  for (const { instance } of instances) {
    const applications = tenants.get(instance.spec.partner.tenantId.toLowerCase())?.applications ?? [];
    const tag = instanceTag(instance.metadata.name);
    const adopted = instance.spec.app.existingAppId?.toLowerCase();
    const appIds = applications
      .filter((app) => app.tags.includes(tag) || app.appId.toLowerCase() === adopted)
      .map((app) => app.appId);
    if (appIds.length > 0) known.set(instance.metadata.name, appIds);
  }
  return known;
}
