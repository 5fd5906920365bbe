import type { TokenCredential } from "@azure/identity";
import { AuthenticationHandler, Client } from "@microsoft/microsoft-graph-client";
import { TokenCredentialAuthenticationProvider } from "@microsoft/microsoft-graph-client/authProviders/azureTokenCredentials/index.js";
import type { HttpsTransport } from "./https-transport.js";
import { RetryMiddleware } from "./retry-middleware.js";
import type { RetryPolicy } from "./retry-policy.js";

export interface TenantGraphClientOptions {
  readonly credential: TokenCredential;
  readonly tenantId: string;
  /** `{graph resource}/.default` of the tenant's cloud. */
  readonly scope: string;
  /** Graph's base URL (the cloud's, or `CSPOPS_GRAPH_URL`). */
  readonly graphUrl: string;
  readonly transport: HttpsTransport;
  readonly retryPolicy: RetryPolicy;
}

/**
 * A Graph client for one partner tenant: its token is asked for that tenant (`getToken(scope,
 * { tenantId })`), and sent only to the Graph host (`customHosts`). Middleware: authentication →
 * retry → our `node:https` transport.
 */
export function createTenantGraphClient(options: TenantGraphClientOptions): Client {
  const provider = new TokenCredentialAuthenticationProvider(options.credential, {
    scopes: [options.scope],
    getTokenOptions: { tenantId: options.tenantId },
  });
  return Client.initWithMiddleware({
    middleware: [
      new AuthenticationHandler(provider),
      new RetryMiddleware(options.retryPolicy),
      options.transport,
    ],
    baseUrl: options.graphUrl,
    customHosts: new Set([new URL(options.graphUrl).hostname]),
    defaultVersion: "v1.0",
  });
}
