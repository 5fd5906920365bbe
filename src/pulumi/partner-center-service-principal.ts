import * as azuread from "@pulumi/azuread";
import { PARTNER_CENTER_APP_ID } from "../core/instance/identifiers.js";
import type { TenantBinding } from "./tenant-providers.js";

/**
 * The "Microsoft Partner Center" service principal in a partner tenant, which Microsoft's secure
 * application model guide makes sure of before registering the app: consent to `user_impersonation`
 * is recorded against it. Most CSP tenants already have it, so it is adopted (`useExisting`) rather
 * than created twice; and it belongs to the tenant, not to this stack: it is never deleted with it
 * (`retainOnDelete`), since other tools and every existing consent rely on it.
 */
export function ensurePartnerCenterServicePrincipal(tenant: TenantBinding): azuread.ServicePrincipal {
  return new azuread.ServicePrincipal(
    `partner-center-${tenant.tenantId.toLowerCase()}`,
    { clientId: PARTNER_CENTER_APP_ID, useExisting: true },
    { provider: tenant.provider, retainOnDelete: true },
  );
}
