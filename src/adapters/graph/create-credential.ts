import type { Agent } from "node:https";
import { ClientSecretCredential, DefaultAzureCredential, type TokenCredential } from "@azure/identity";

export interface CredentialSettings {
  /** Entra's host for this cloud (or the emulator's). */
  readonly authorityHost: string;
  /** True for an authority Microsoft does not know (the emulator): skip instance discovery. */
  readonly customAuthority: boolean;
  /** The observer's keep-alive agent: connections (and a trusted emulator CA) shared by all tenants. */
  readonly agent?: Agent | undefined;
}

/**
 * `DefaultAzureCredential` (environment, workload identity/OIDC, managed identity, Azure CLI …)
 * whose default tenant is `tenantId`. The observer shares each one among a few dozen partner
 * tenants and names the tenant in every token request (see `CredentialPool`).
 */
export function createDefaultCredential(tenantId: string, settings: CredentialSettings): TokenCredential {
  return new DefaultAzureCredential({ ...commonOptions(settings), tenantId });
}

/** A client-secret credential whose default tenant is `app.tenantId` (the emulator's daemon app, tests, benchmarks). */
export function createClientSecretCredential(
  app: { readonly tenantId: string; readonly clientId: string; readonly clientSecret: string },
  settings: CredentialSettings,
): TokenCredential {
  return new ClientSecretCredential(app.tenantId, app.clientId, app.clientSecret, commonOptions(settings));
}

function commonOptions(settings: CredentialSettings) {
  return {
    authorityHost: settings.authorityHost,
    // The observer still names the tenant in every getToken; any tenant may be asked for.
    additionallyAllowedTenants: ["*"],
    disableInstanceDiscovery: settings.customAuthority,
    // A token request that fails is the tenant's error; the observer retries Graph, not Entra.
    retryOptions: { maxRetries: 2 },
    ...(settings.agent === undefined ? {} : { agent: settings.agent }),
  };
}
