import { randomBytes, randomUUID } from "node:crypto";
import type { IncomingMessage, ServerResponse } from "node:http";
import {
  type EmulatorState,
  findByAppId,
  findTenant,
  type GraphObject,
  textField,
} from "../emulator-state.js";
import { readBody, sendHtml, sendRedirect } from "../http-io.js";
import { AUTHORIZE_PARAMETERS, renderConsentPage, renderErrorPage } from "./authorize-page.js";
import { applyConsent, checkConsentingUser, partnerCenterScopes } from "./consent.js";
import { describeRefusal, type EntraRefusal, refusals } from "./entra-errors.js";

/**
 * `/{tenant}/oauth2/v2.0/authorize`: GET shows the consent page; POST (the page's form) signs in as
 * the chosen account, and on "Accept" by an admin agent with MFA grants the permissions and sends
 * the browser to `redirect_uri` with `code` and `state`.
 */
export async function handleAuthorize(
  request: IncomingMessage,
  response: ServerResponse,
  url: URL,
  tenantId: string,
  state: EmulatorState,
): Promise<void> {
  const parameters =
    request.method === "POST" ? new URLSearchParams(await readBody(request)) : url.searchParams;
  const now = state.now();
  const fail = (status: number, refusal: EntraRefusal, retryUrl?: string) =>
    sendHtml(response, status, renderErrorPage(describeRefusal(refusal, now).text, retryUrl));

  const tenant = findTenant(state, tenantId);
  if (tenant === undefined) return fail(400, refusals.tenantNotFound(tenantId));
  const clientId = parameters.get("client_id") ?? "";
  const app = findByAppId(tenant.applications, clientId);
  if (app === undefined) return fail(400, refusals.applicationNotFound(clientId, tenantId));
  const redirectUri = parameters.get("redirect_uri") ?? "";
  if (!registeredRedirectUris(app).includes(redirectUri))
    return fail(400, refusals.redirectUriMismatch(redirectUri, clientId));
  const responseType = parameters.get("response_type") ?? "";
  if (responseType !== "code") return fail(400, refusals.unsupportedResponseType(responseType));

  const kept = Object.fromEntries(
    AUTHORIZE_PARAMETERS.flatMap((name) => {
      const value = parameters.get(name);
      return value === null ? [] : [[name, value]];
    }),
  );
  const scope = parameters.get("scope") ?? "";
  if (request.method !== "POST") {
    sendHtml(
      response,
      200,
      renderConsentPage({
        tenantId,
        appName: textField(app, "displayName"),
        appId: clientId,
        scopes: scope.split(/\s+/).filter((entry) => entry !== ""),
        accounts: tenant.users.map((user) => textField(user, "userPrincipalName")),
        selectedAccount: parameters.get("login_hint") ?? undefined,
        parameters: kept,
      }),
    );
    return;
  }

  const back = new URL(redirectUri);
  const stateValue = parameters.get("state");
  if (parameters.get("action") !== "accept") {
    const { text } = describeRefusal(refusals.userDeclined(), now);
    back.searchParams.set("error", "access_denied");
    back.searchParams.set("error_description", text);
    if (stateValue !== null) back.searchParams.set("state", stateValue);
    return sendRedirect(response, back.toString());
  }
  const check = checkConsentingUser(tenant, parameters.get("login_hint") ?? "", app);
  if (!check.ok) {
    const retry = new URL(`${url.origin}/${tenantId}/oauth2/v2.0/authorize`);
    for (const [name, value] of Object.entries(kept)) retry.searchParams.set(name, value);
    return fail(200, check.refusal, retry.toString());
  }
  applyConsent({
    tenant,
    app,
    user: check.user,
    scopes: partnerCenterScopes(scope),
    forOrganisation: parameters.get("consent_for_organisation") === "true",
    now,
  });
  const code = randomBytes(32).toString("base64url");
  state.codes.set(code, {
    tenantId: tenant.id,
    clientId,
    redirectUri,
    scope,
    userId: textField(check.user, "id"),
  });
  back.searchParams.set("code", code);
  if (stateValue !== null) back.searchParams.set("state", stateValue);
  back.searchParams.set("session_state", randomUUID());
  sendRedirect(response, back.toString());
}

function registeredRedirectUris(app: GraphObject): string[] {
  const web = app.web as { redirectUris?: unknown } | undefined;
  return Array.isArray(web?.redirectUris)
    ? web.redirectUris.filter((uri): uri is string => typeof uri === "string")
    : [];
}
