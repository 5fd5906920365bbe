import { InternalError } from "../core/diagnostics/errors.js";
import type { LoadedInstance } from "../core/instance/instance.js";
import { adoptPartnerApp } from "./adopted-app.js";
import { buildInstanceOutputs, type InstanceOutputs } from "./instance-outputs.js";
import { createPartnerApp } from "./partner-app.js";
import { ensurePartnerCenterServicePrincipal } from "./partner-center-service-principal.js";
import { createTenantProviders, type ProviderSettings, tenantKey } from "./tenant-providers.js";

/** The stack's outputs (docs/pulumi.md). */
export interface StackOutputs {
  /** Per instance name, the BSS form's values; only `key` is secret. */
  readonly instances: Readonly<Record<string, InstanceOutputs>>;
}

/**
 * Registers every resource of the given, already validated, instances: one provider per tenant, and
 * per instance either a created app (app, service principal, rotating Key) or an adopted one, and
 * the Partner Center service principal in each tenant where an app is created. A tenant whose apps
 * are all adopted is only read, never changed.
 */
export function defineStack(
  instances: readonly LoadedInstance[],
  settings: ProviderSettings = {},
): StackOutputs {
  const tenants = createTenantProviders(instances, settings);
  const outputs: Record<string, InstanceOutputs> = {};
  const withPartnerCenter = new Set<string>();
  for (const { instance } of instances) {
    const tenant = tenants.get(tenantKey(instance.spec.partner.tenantId));
    if (tenant === undefined)
      throw new InternalError(`no provider for tenant ${instance.spec.partner.tenantId}`);
    const { existingAppId } = instance.spec.app;
    const key = tenantKey(instance.spec.partner.tenantId);
    if (existingAppId === undefined && !withPartnerCenter.has(key)) {
      withPartnerCenter.add(key);
      ensurePartnerCenterServicePrincipal(tenant);
    }
    const app =
      existingAppId === undefined
        ? createPartnerApp(instance, tenant)
        : adoptPartnerApp(existingAppId, tenant);
    outputs[instance.metadata.name] = buildInstanceOutputs(instance, app);
  }
  return { instances: outputs };
}
