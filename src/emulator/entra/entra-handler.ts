import type { IncomingMessage, ServerResponse } from "node:http";
import { type EmulatorState, findTenant } from "../emulator-state.js";
import { sendHtml, sendJson } from "../http-io.js";
import { handleAuthorize } from "./authorize-endpoint.js";
import { renderConsentResultPage } from "./consent-result-page.js";
import { oauthErrorBody, refusals } from "./entra-errors.js";
import { openidConfiguration } from "./openid-configuration.js";
import { renderRefusalPage } from "./refusal-page.js";
import { handleToken } from "./token-endpoint.js";

/** The Entra routes, `/{tenant}/…`; `undefined` when the path is not one of them. */
export type EntraRoute = "openid-configuration" | "token" | "authorize" | "keys" | "consent-result";

export function matchEntraRoute(pathname: string): { tenantId: string; route: EntraRoute } | undefined {
  const match =
    /^\/([^/]+)\/(v2\.0\/\.well-known\/openid-configuration|oauth2\/v2\.0\/token|oauth2\/v2\.0\/authorize|discovery\/v2\.0\/keys|emulator\/consent-result\/[\w-]+)$/.exec(
      pathname,
    );
  if (match?.[1] === undefined || match[2] === undefined) return undefined;
  const routes: Readonly<Record<string, EntraRoute>> = {
    "v2.0/.well-known/openid-configuration": "openid-configuration",
    "oauth2/v2.0/token": "token",
    "oauth2/v2.0/authorize": "authorize",
    "discovery/v2.0/keys": "keys",
  };
  const route = match[2].startsWith("emulator/consent-result/") ? "consent-result" : routes[match[2]];
  return route === undefined ? undefined : { tenantId: decodeURIComponent(match[1]), route };
}

/**
 * Microsoft Entra ID's v2 endpoints for one tenant: discovery, token, authorize (sign-in and consent),
 * keys; and the emulator's own page that shows where the browser was sent after consent.
 */
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
  if (route === "consent-result" && request.method === "GET") return showConsentResult(response, url, state);
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
    state.counters.metadataRequests += 1;
    sendJson(response, 200, openidConfiguration(url.origin, tenantId));
    return;
  }
  // The emulator's tokens are HMAC-signed for its own Graph; it publishes no verification keys.
  sendJson(response, 200, { keys: [] });
}

function showConsentResult(response: ServerResponse, url: URL, state: EmulatorState): void {
  const result = state.consentResults.get(url.pathname.slice(url.pathname.lastIndexOf("/") + 1));
  if (result === undefined) {
    sendHtml(
      response,
      404,
      renderRefusalPage({
        heading: "No such consent",
        reason: "The emulator keeps the outcome of the last hundred consents, until it stops.",
        fix: "Open the consent link again.",
      }),
    );
    return;
  }
  sendHtml(response, 200, renderConsentResultPage(result, url.origin));
}
