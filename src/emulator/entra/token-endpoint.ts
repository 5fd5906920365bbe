import { randomBytes, timingSafeEqual } from "node:crypto";
import type { IncomingMessage, ServerResponse } from "node:http";
import {
  CLOUD_ENDPOINTS,
  CONSENT_IDLE_LIFETIME_DAYS,
  PARTNER_CENTER_RESOURCE,
} from "../../core/instance/identifiers.js";
import { DAY_MS } from "../../core/reconcile/dates.js";
import { ACCESS_TOKEN_LIFETIME_SECONDS, mintAccessToken } from "../access-tokens.js";
import {
  type EmulatedTenant,
  type EmulatorState,
  findByAppId,
  findTenant,
  type IssuedRefreshToken,
} from "../emulator-state.js";
import { readBody, sendJson } from "../http-io.js";
import { recordDelegatedSignIn } from "./consent.js";
import { type EntraRefusal, oauthErrorBody, refusals } from "./entra-errors.js";

/**
 * `POST /{tenant}/oauth2/v2.0/token`: the client-credentials grant for the observer (a daemon app
 * registered with the emulator), and the authorization-code and refresh-token grants a BSS uses
 * after consent. Each redeemed code or refresh token counts as a delegated sign-in of the app.
 */
export async function handleToken(
  request: IncomingMessage,
  response: ServerResponse,
  tenantId: string,
  state: EmulatorState,
): Promise<void> {
  state.counters.tokenRequests += 1;
  const form = new URLSearchParams(await readBody(request));
  const now = state.now();
  const refuse = (status: number, error: string, refusal: EntraRefusal) =>
    sendJson(response, status, oauthErrorBody(error, refusal, now));

  const tenant = findTenant(state, tenantId);
  if (tenant === undefined) return refuse(400, "invalid_request", refusals.tenantNotFound(tenantId));
  const { clientId, clientSecret } = clientCredentials(request, form);
  const grantType = form.get("grant_type") ?? "";

  if (grantType === "client_credentials") {
    const expected = state.clients.get(clientId);
    if (expected === undefined)
      return refuse(400, "unauthorized_client", refusals.applicationNotFound(clientId, tenantId));
    if (!sameSecret(expected, clientSecret))
      return refuse(401, "invalid_client", refusals.invalidClientSecret(clientId));
    const audience = resourceOf(form.get("scope") ?? "", CLOUD_ENDPOINTS.global.graph);
    return sendJson(response, 200, {
      token_type: "Bearer",
      expires_in: ACCESS_TOKEN_LIFETIME_SECONDS,
      ext_expires_in: ACCESS_TOKEN_LIFETIME_SECONDS,
      access_token: accessToken(state, tenant, clientId, audience, now),
    });
  }

  // The BSS's own app: the emulator does not know its Key (Pulumi made it), so any secret passes.
  if (findByAppId(tenant.applications, clientId) === undefined) {
    return refuse(400, "unauthorized_client", refusals.applicationNotFound(clientId, tenantId));
  }
  let grant: IssuedRefreshToken;
  if (grantType === "authorization_code") {
    const code = form.get("code") ?? "";
    const issued = state.codes.get(code);
    if (issued === undefined) return refuse(400, "invalid_grant", refusals.invalidGrant());
    state.codes.delete(code);
    if (
      issued.clientId !== clientId ||
      issued.redirectUri !== form.get("redirect_uri") ||
      issued.tenantId !== tenant.id
    ) {
      return refuse(400, "invalid_grant", refusals.codeRedeemed());
    }
    grant = { ...issued, issuedAt: now };
  } else if (grantType === "refresh_token") {
    const token = form.get("refresh_token") ?? "";
    const issued = state.refreshTokens.get(token);
    if (issued === undefined || issued.clientId !== clientId)
      return refuse(400, "invalid_grant", refusals.invalidGrant());
    if (now.getTime() - issued.issuedAt.getTime() > CONSENT_IDLE_LIFETIME_DAYS * DAY_MS) {
      return refuse(400, "invalid_grant", refusals.refreshTokenExpired(issued.issuedAt.toISOString()));
    }
    const refusal = refreshRefusalForUser(tenant, issued);
    if (refusal !== undefined) return refuse(400, "invalid_grant", refusal);
    state.refreshTokens.delete(token);
    grant = { ...issued, issuedAt: now };
  } else {
    return refuse(400, "unsupported_grant_type", refusals.unsupportedGrantType(grantType));
  }
  if (clientSecret === "") return refuse(401, "invalid_client", refusals.invalidClientSecret(clientId));

  const refreshToken = randomBytes(48).toString("base64url");
  state.refreshTokens.set(refreshToken, grant);
  recordDelegatedSignIn(tenant, clientId, now);
  sendJson(response, 200, {
    token_type: "Bearer",
    scope: grant.scope,
    expires_in: ACCESS_TOKEN_LIFETIME_SECONDS,
    ext_expires_in: ACCESS_TOKEN_LIFETIME_SECONDS,
    access_token: accessToken(state, tenant, clientId, PARTNER_CENTER_RESOURCE, now, grant.userId),
    refresh_token: refreshToken,
  });
}

function accessToken(
  state: EmulatorState,
  tenant: EmulatedTenant,
  clientId: string,
  audience: string,
  now: Date,
  userId?: string,
): string {
  return mintAccessToken(state.signingKey, {
    tid: tenant.id,
    appid: clientId,
    aud: audience,
    exp: Math.floor(now.getTime() / 1000) + ACCESS_TOKEN_LIFETIME_SECONDS,
    ...(userId === undefined ? {} : { oid: userId }),
  });
}

/** `client_secret_post` (what MSAL sends) or `client_secret_basic`. */
function clientCredentials(
  request: IncomingMessage,
  form: URLSearchParams,
): { clientId: string; clientSecret: string } {
  const basic = /^Basic\s+(.+)$/i.exec(request.headers.authorization ?? "");
  if (basic?.[1] !== undefined) {
    const [id = "", secret = ""] = Buffer.from(basic[1], "base64").toString("utf8").split(":");
    return { clientId: decodeURIComponent(id), clientSecret: decodeURIComponent(secret) };
  }
  return { clientId: form.get("client_id") ?? "", clientSecret: form.get("client_secret") ?? "" };
}

/** `https://graph.microsoft.com/.default` → `https://graph.microsoft.com`. */
function resourceOf(scope: string, fallback: string): string {
  const first = scope.split(/\s+/).find((entry) => entry.endsWith("/.default"));
  return first === undefined ? fallback : first.slice(0, -"/.default".length);
}

function sameSecret(expected: string, actual: string): boolean {
  const a = Buffer.from(expected);
  const b = Buffer.from(actual);
  return a.length === b.length && timingSafeEqual(a, b);
}

/**
 * What Entra says when the user behind a refresh token can no longer renew it: a disabled account
 * (AADSTS50057), or sessions revoked after the token was issued (AADSTS50173: the user's
 * `signInSessionsValidFromDateTime` is later). docs/statuses.md describes both for the planner.
 */
function refreshRefusalForUser(tenant: EmulatedTenant, issued: IssuedRefreshToken): EntraRefusal | undefined {
  const user = tenant.users.find((candidate) => candidate.id === issued.userId);
  if (user === undefined) return refusals.invalidGrant();
  if (user.accountEnabled === false) return refusals.userDisabled();
  const validFrom = user.signInSessionsValidFromDateTime;
  if (typeof validFrom === "string" && Date.parse(validFrom) > issued.issuedAt.getTime()) {
    return refusals.grantRevoked(issued.issuedAt.toISOString(), validFrom);
  }
  return undefined;
}
