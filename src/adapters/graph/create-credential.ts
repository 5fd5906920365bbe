import { ClientSecretCredential, DefaultAzureCredential, type TokenCredential } from "@azure/identity";

export interface CredentialSettings {
  /** Entra's host for this cloud (or the emulator's). */
  readonly authorityHost: string;
  /** True for an authority Microsoft does not know (the emulator): skip instance discovery. */
  readonly customAuthority: boolean;
  /** The CA to trust instead of the public ones (the emulator's), unless NODE_EXTRA_CA_CERTS does. */
  readonly caCertPem?: string | undefined;
}

/**
 * `DefaultAzureCredential` (environment, workload identity/OIDC, managed identity, Azure CLI …),
 * allowed to ask for a token in any partner tenant (`getToken(scope, { tenantId })`).
 */
export function createDefaultCredential(settings: CredentialSettings): TokenCredential {
  return new DefaultAzureCredential(commonOptions(settings));
}

/** A client-secret credential, e.g. for the emulator's daemon app. */
export function createClientSecretCredential(
  app: { readonly tenantId: string; readonly clientId: string; readonly clientSecret: string },
  settings: CredentialSettings,
): TokenCredential {
  return new ClientSecretCredential(app.tenantId, app.clientId, app.clientSecret, commonOptions(settings));
}

function commonOptions(settings: CredentialSettings) {
  return {
    authorityHost: settings.authorityHost,
    additionallyAllowedTenants: ["*"],
    disableInstanceDiscovery: settings.customAuthority,
    // A token request that fails is the tenant's error; the observer retries Graph, not Entra.
    retryOptions: { maxRetries: 2 },
    // The emulator's CA and only it: the authority is the emulator then.
    ...(settings.caCertPem === undefined ? {} : { tlsOptions: { ca: settings.caCertPem } }),
  };
}
