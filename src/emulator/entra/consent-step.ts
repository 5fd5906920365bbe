import { randomBytes, randomUUID } from "node:crypto";
import { textField } from "../emulator-state.js";
import { sendRedirect } from "../http-io.js";
import { applyConsent, partnerCenterScopes } from "./consent.js";
import { describeRefusal, refusals } from "./entra-errors.js";
import { keepResult } from "./sign-in-flows.js";
import { appOf, type StepContext, userOf } from "./step-context.js";

/**
 * Accept or Cancel on the permissions page. Accept grants, records the delegated sign-in and issues
 * a code for the redirect URI (with `state` and `session_state`); Cancel sends `access_denied` with
 * AADSTS65004. The browser then goes to the emulator's result page, or straight to the redirect URI
 * when the emulator was started with `consentLanding: "redirect"`.
 */
export function submitConsent(context: StepContext) {
  const { tenant, flow, form, state, now } = context;
  const app = appOf(context);
  const user = userOf(context);
  state.signInFlows.delete(context.flowId);
  const back = new URL(flow.redirectUri);
  const accepted = form.get("action") === "accept";
  const forOrganisation = accepted && form.get("consent_for_organisation") === "true";
  const scopes = accepted ? partnerCenterScopes(flow.scope) : [];
  if (accepted) {
    applyConsent({ tenant, app, user, scopes, forOrganisation, now });
    const code = randomBytes(32).toString("base64url");
    state.codes.set(code, {
      tenantId: tenant.id,
      clientId: flow.clientId,
      redirectUri: flow.redirectUri,
      scope: flow.scope,
      userId: textField(user, "id"),
    });
    back.searchParams.set("code", code);
  } else {
    back.searchParams.set("error", "access_denied");
    back.searchParams.set("error_subcode", "cancel");
    back.searchParams.set("error_description", describeRefusal(refusals.userDeclined(), now).text);
  }
  if (flow.state !== undefined) back.searchParams.set("state", flow.state);
  if (accepted) back.searchParams.set("session_state", randomUUID());

  if (state.consentLanding === "redirect") return sendRedirect(context.response, back.toString());
  const resultId = keepResult(state, {
    outcome: accepted ? "granted" : "declined",
    redirectUrl: back.toString(),
    tenantId: tenant.id,
    appId: flow.clientId,
    appName: textField(app, "displayName"),
    userPrincipalName: textField(user, "userPrincipalName"),
    scopes,
    forOrganisation,
    at: now,
  });
  sendRedirect(context.response, `${context.origin}/${tenant.id}/emulator/consent-result/${resultId}`);
}
