import type { IncomingMessage, ServerResponse } from "node:http";
import { type EmulatorState, findTenant } from "../emulator-state.js";
import { sendJson } from "../http-io.js";
import { handleAuthorize } from "./authorize-endpoint.js";
import { oauthErrorBody, refusals } from "./entra-errors.js";
import { openidConfiguration } from "./openid-configuration.js";
import { handleToken } from "./token-endpoint.js";

/** The Entra routes, `/{tenant}/…`; `undefined` when the path is not one of them. */
export type EntraRoute = "openid-configuration" | "token" | "authorize" | "keys";

export function matchEntraRoute(pathname: string): { tenantId: string; route: EntraRoute } | undefined {
  const match =
    /^\/([^/]+)\/(v2\.0\/\.well-known\/openid-configuration|oauth2\/v2\.0\/token|oauth2\/v2\.0\/authorize|discovery\/v2\.0\/keys)$/.exec(
      pathname,
    );
  if (match?.[1] === undefined || match[2] === undefined) return undefined;
  const routes: Readonly<Record<string, EntraRoute>> = {
    "v2.0/.well-known/openid-configuration": "openid-configuration",
    "oauth2/v2.0/token": "token",
    "oauth2/v2.0/authorize": "authorize",
    "discovery/v2.0/keys": "keys",
  };
  const route = routes[match[2]];
  return route === undefined ? undefined : { tenantId: decodeURIComponent(match[1]), route };
}

/** Microsoft Entra ID's v2 endpoints for one tenant: discovery, token, authorize (consent page), keys. */
export async function handleEntra(
  request: IncomingMessage,
  response: ServerResponse,
  url: URL,
  target: { tenantId: string; route: EntraRoute },
  state: EmulatorState,
): Promise<void> {
  const { tenantId, route } = target;
  if (route === "token" && request.method === "POST") return handleToken(request, response, tenantId, state);
  if (route === "authorize" && (request.method === "GET" || request.method === "POST")) {
    return handleAuthorize(request, response, url, tenantId, state);
  }
  if (request.method !== "GET") {
    sendJson(response, 405, {
      error: "invalid_request",
      error_description: `${request.method} is not allowed here.`,
    });
    return;
  }
  if (findTenant(state, tenantId) === undefined) {
    sendJson(response, 400, oauthErrorBody("invalid_tenant", refusals.tenantNotFound(tenantId), state.now()));
    return;
  }
  if (route === "openid-configuration") {
    sendJson(response, 200, openidConfiguration(url.origin, tenantId));
    return;
  }
  // The emulator's tokens are HMAC-signed for its own Graph; it publishes no verification keys.
  sendJson(response, 200, { keys: [] });
}
