import * as azuread from "@pulumi/azuread";
import type { ProvisionedApp } from "./provisioned-app.js";
import type { TenantBinding } from "./tenant-providers.js";

/**
 * An app registered by hand (`app.existingAppId`): looked up, never created or changed. Its Key was
 * made with it and is unknown to Pulumi, so the stack output's `key` is `null`.
 */
export function adoptPartnerApp(existingAppId: string, tenant: TenantBinding): ProvisionedApp {
  const found = azuread.getApplicationOutput({ clientId: existingAppId }, { provider: tenant.provider });
  return { appId: found.clientId, key: null, keyExpiresAt: null };
}
