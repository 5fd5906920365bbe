import type { IncomingMessage, ServerResponse } from "node:http";
import {
  type EmulatedTenant,
  type EmulatorState,
  findByAppId,
  findTenant,
  type GraphObject,
  textField,
} from "../emulator-state.js";
import { readBody, sendHtml } from "../http-io.js";
import { submitConsent } from "./consent-step.js";
import { describeRefusal, refusals } from "./entra-errors.js";
import { renderRefusalPage } from "./refusal-page.js";
import { startFlow } from "./sign-in-flows.js";
import { renderAccountPage } from "./sign-in-pages.js";
import { submitAccount, submitMfa, submitPassword } from "./sign-in-steps.js";
import type { StepContext } from "./step-context.js";

/**
 * `/{tenant}/oauth2/v2.0/authorize`, Entra's interactive sign-in and consent. GET checks the request
 * (tenant, app, registered redirect URI, `response_type=code`) and shows the account step, filled in
 * from `login_hint`; each page posts back here with the flow's id and its step: account → password
 * → MFA → "Permissions requested" → Accept or Cancel (see `sign-in-steps.ts`).
 */
export async function handleAuthorize(
  request: IncomingMessage,
  response: ServerResponse,
  url: URL,
  tenantId: string,
  state: EmulatorState,
): Promise<void> {
  const now = state.now();
  const tenant = findTenant(state, tenantId);
  if (tenant === undefined) {
    return sendHtml(
      response,
      400,
      renderRefusalPage({ entraText: describeRefusal(refusals.tenantNotFound(tenantId), now).text }),
    );
  }
  if (request.method !== "POST") return startSignIn(response, url, tenant, state);

  const form = new URLSearchParams(await readBody(request));
  const flowId = form.get("flow") ?? "";
  const flow = state.signInFlows.get(flowId);
  if (flow === undefined || flow.tenantId !== tenant.id || form.get("step") !== flow.step) {
    return sendHtml(
      response,
      400,
      renderRefusalPage({
        heading: "This sign-in is over",
        reason:
          "This page belongs to a sign-in that was finished, was started again, or began before the emulator restarted.",
        fix: "Open the consent link again.",
        retryUrl: flow?.startUrl,
      }),
    );
  }
  const context: StepContext = { response, origin: url.origin, tenant, state, flow, flowId, form, now };
  const steps = { account: submitAccount, password: submitPassword, mfa: submitMfa, consent: submitConsent };
  steps[flow.step](context);
}

function startSignIn(response: ServerResponse, url: URL, tenant: EmulatedTenant, state: EmulatorState) {
  const parameters = url.searchParams;
  const refuse = (refusal: Parameters<typeof describeRefusal>[0]) =>
    sendHtml(response, 400, renderRefusalPage({ entraText: describeRefusal(refusal, state.now()).text }));
  const clientId = parameters.get("client_id") ?? "";
  const app = findByAppId(tenant.applications, clientId);
  if (app === undefined) return refuse(refusals.applicationNotFound(clientId, tenant.id));
  const redirectUri = parameters.get("redirect_uri") ?? "";
  if (!registeredRedirectUris(app).includes(redirectUri)) {
    return refuse(refusals.redirectUriMismatch(redirectUri, clientId));
  }
  const responseType = parameters.get("response_type") ?? "";
  if (responseType !== "code") return refuse(refusals.unsupportedResponseType(responseType));

  const loginHint = parameters.get("login_hint") ?? undefined;
  const flowId = startFlow(state, {
    tenantId: tenant.id,
    clientId,
    redirectUri,
    scope: parameters.get("scope") ?? "",
    state: parameters.get("state") ?? undefined,
    loginHint,
    startUrl: url.toString(),
    step: "account",
  });
  sendHtml(
    response,
    200,
    renderAccountPage({
      tenantId: tenant.id,
      flowId,
      appName: textField(app, "displayName"),
      login: loginHint ?? "",
      hinted: loginHint !== undefined && loginHint !== "",
      accounts: tenant.users.map((user) => textField(user, "userPrincipalName")),
    }),
  );
}

function registeredRedirectUris(app: GraphObject): string[] {
  const web = app.web as { redirectUris?: unknown } | undefined;
  return Array.isArray(web?.redirectUris)
    ? web.redirectUris.filter((uri): uri is string => typeof uri === "string")
    : [];
}
