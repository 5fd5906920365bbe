import { findUser, type GraphObject, textField } from "../emulator-state.js";
import { sendHtml } from "../http-io.js";
import { describeRefusal } from "./entra-errors.js";
import { renderPermissionsPage } from "./permissions-page.js";
import { renderRefusalPage } from "./refusal-page.js";
import { checkCanSignIn, checkMayConsent, type SignInRefusal } from "./sign-in-checks.js";
import { newMfaCode } from "./sign-in-flows.js";
import { renderAccountPage, renderMfaPage, renderPasswordPage } from "./sign-in-pages.js";
import { appOf, type StepContext, userOf } from "./step-context.js";

/** Account step: a UPN of the tenant goes on to the password; anything else is asked again. */
export function submitAccount(context: StepContext) {
  const { tenant, flow, flowId, form } = context;
  const login = (form.get("login") ?? "").trim();
  const user = login === "" ? undefined : findUser(tenant, login);
  if (user === undefined) {
    return show(
      context,
      renderAccountPage({
        tenantId: tenant.id,
        flowId,
        appName: textField(appOf(context), "displayName"),
        login,
        hinted: false,
        accounts: tenant.users.map((entry) => textField(entry, "userPrincipalName")),
        error:
          login === ""
            ? "Enter a valid email address, phone number, or Skype name."
            : "This username may be incorrect. Make sure you typed it correctly. Otherwise, contact your admin.",
      }),
    );
  }
  flow.userId = textField(user, "id");
  flow.step = "password";
  show(
    context,
    renderPasswordPage({ tenantId: tenant.id, flowId, account: upnOf(user), startUrl: flow.startUrl }),
  );
}

/**
 * Password step: any password passes (the emulator keeps none); then a disabled account, or one
 * with no MFA method, is refused in words; otherwise the emulated Authenticator app shows a code.
 */
export function submitPassword(context: StepContext) {
  const { tenant, flow, flowId, form } = context;
  const user = userOf(context);
  if ((form.get("password") ?? "") === "") {
    return show(
      context,
      renderPasswordPage({
        tenantId: tenant.id,
        flowId,
        account: upnOf(user),
        startUrl: flow.startUrl,
        error: "Please enter your password.",
      }),
    );
  }
  const refusal = checkCanSignIn(tenant, user);
  if (refusal !== undefined) return refuse(context, user, refusal);
  flow.mfaCode = newMfaCode();
  flow.step = "mfa";
  show(context, renderMfaPage({ tenantId: tenant.id, flowId, account: upnOf(user), code: flow.mfaCode }));
}

/** MFA step: the code shown must be typed back; then only an admin agent reaches the permissions. */
export function submitMfa(context: StepContext) {
  const { tenant, flow, flowId, form } = context;
  const user = userOf(context);
  if ((form.get("otc") ?? "").trim() !== flow.mfaCode) {
    return show(
      context,
      renderMfaPage({
        tenantId: tenant.id,
        flowId,
        account: upnOf(user),
        code: flow.mfaCode ?? "",
        error: "You didn't enter the expected verification code. Please try again.",
      }),
    );
  }
  const app = appOf(context);
  const refusal = checkMayConsent(tenant, user, app);
  if (refusal !== undefined) return refuse(context, user, refusal);
  flow.step = "consent";
  show(
    context,
    renderPermissionsPage({
      tenantId: tenant.id,
      flowId,
      account: upnOf(user),
      appName: textField(app, "displayName"),
      appId: flow.clientId,
      scopes: flow.scope.split(/\s+/).filter((scope) => scope !== ""),
      resultPage: context.state.consentLanding === "result-page",
    }),
  );
}

function refuse(context: StepContext, user: GraphObject, refusal: SignInRefusal): void {
  context.state.signInFlows.delete(context.flowId);
  show(
    context,
    renderRefusalPage({
      account: upnOf(user),
      heading: refusal.heading,
      reason: refusal.reason,
      fix: refusal.fix,
      entraText: describeRefusal(refusal.entra, context.now).text,
      retryUrl: context.flow.startUrl,
    }),
  );
}

function show(context: StepContext, page: string): void {
  sendHtml(context.response, 200, page);
}

function upnOf(user: GraphObject): string {
  return textField(user, "userPrincipalName");
}
