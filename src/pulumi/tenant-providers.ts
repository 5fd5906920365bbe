import * as azuread from "@pulumi/azuread";
import type * as pulumi from "@pulumi/pulumi";
import { InputError } from "../core/diagnostics/errors.js";
import { CLOUD_ENDPOINTS } from "../core/instance/identifiers.js";
import type { Cloud, LoadedInstance } from "../core/instance/instance.js";

/**
 * How the program signs in to each partner tenant. Nothing here is a credential: in a pipeline the
 * provider exchanges the GitHub OIDC token for an Entra token (workload identity federation).
 */
export interface ProviderSettings {
  /**
   * The pipeline app to sign in as, per tenant id (stack config `cspops:clientIds`). A tenant not
   * listed uses `ARM_CLIENT_ID`: one multi-tenant pipeline app consented in every partner tenant.
   */
  readonly clientIds?: Readonly<Record<string, string>> | undefined;
  /** `false` lets a person run `pulumi preview` with the Azure CLI's sign-in; pipelines keep `true`. */
  readonly useOidc?: boolean | undefined;
}

/** One partner tenant: its provider, and who Pulumi acts as there. */
export interface TenantBinding {
  readonly tenantId: string;
  readonly cloud: Cloud;
  readonly provider: azuread.Provider;
  /**
   * Object id of the principal running Pulumi in this tenant. It is made owner of what it creates:
   * `Application.ReadWrite.OwnedBy` only lets it manage apps it owns, and no app is left ownerless.
   */
  readonly deployerObjectId: pulumi.Output<string>;
}

/** Tenant ids are GUIDs; grouping ignores their case so that one tenant gets one provider. */
export function tenantKey(tenantId: string): string {
  return tenantId.toLowerCase();
}

/**
 * One explicit `azuread.Provider` per tenant, keyed by {@link tenantKey}. Explicit providers keep a
 * resource from ever landing in the wrong tenant through an ambient `ARM_TENANT_ID`.
 */
export function createTenantProviders(
  instances: readonly LoadedInstance[],
  settings: ProviderSettings = {},
): ReadonlyMap<string, TenantBinding> {
  const bindings = new Map<string, TenantBinding>();
  for (const tenant of listTenants(instances)) {
    const clientId = settings.clientIds?.[tenant.tenantId] ?? settings.clientIds?.[tenant.key];
    const provider = new azuread.Provider(`tenant-${tenant.key}`, {
      tenantId: tenant.tenantId,
      environment: CLOUD_ENDPOINTS[tenant.cloud].azureadEnvironment,
      useOidc: settings.useOidc ?? true,
      ...(clientId === undefined ? {} : { clientId }),
    });
    const deployer = azuread.getClientConfigOutput({ provider });
    bindings.set(tenant.key, {
      tenantId: tenant.tenantId,
      cloud: tenant.cloud,
      provider,
      deployerObjectId: deployer.objectId,
    });
  }
  return bindings;
}

interface Tenant {
  readonly key: string;
  readonly tenantId: string;
  readonly cloud: Cloud;
}

function listTenants(instances: readonly LoadedInstance[]): Tenant[] {
  const tenants = new Map<string, Tenant & { readonly declaredBy: string }>();
  for (const { instance } of instances) {
    const { tenantId } = instance.spec.partner;
    const key = tenantKey(tenantId);
    const cloud = instance.spec.cloud;
    const known = tenants.get(key);
    if (known === undefined) {
      tenants.set(key, { key, tenantId, cloud, declaredBy: instance.metadata.name });
    } else if (known.cloud !== cloud) {
      throw new InputError(
        `tenant ${tenantId} is in the ${known.cloud} cloud for '${known.declaredBy}' but in ${cloud} for '${instance.metadata.name}'`,
        { hint: "a tenant lives in one cloud: correct spec.cloud of one of them" },
      );
    }
  }
  return [...tenants.values()];
}
