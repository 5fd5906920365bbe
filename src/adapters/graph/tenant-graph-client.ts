import type { TokenCredential } from "@azure/identity";
import {
  AuthenticationHandler,
  type AuthenticationProvider,
  Client,
} from "@microsoft/microsoft-graph-client";
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
  return Client.initWithMiddleware({
    middleware: [
      new AuthenticationHandler(tenantTokenProvider(options)),
      new RetryMiddleware(options.retryPolicy),
      options.transport,
    ],
    baseUrl: options.graphUrl,
    customHosts: new Set([new URL(options.graphUrl).hostname]),
    defaultVersion: "v1.0",
  });
}

/**
 * The SDK's `TokenCredentialAuthenticationProvider` does the same, but builds an `Error` (and its
 * stack trace) before every request in case it needs one; this provider is called once per request.
 */
function tenantTokenProvider({
  credential,
  scope,
  tenantId,
}: TenantGraphClientOptions): AuthenticationProvider {
  return {
    async getAccessToken() {
      const token = await credential.getToken(scope, { tenantId });
      if (token === null) throw new Error(`Microsoft Entra gave no token for tenant ${tenantId}`);
      return token.token;
    },
  };
}
