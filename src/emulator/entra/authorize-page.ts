import { escapeHtml } from "../http-io.js";

/** The authorize request's own parameters, carried through the form so that approving can redirect. */
export const AUTHORIZE_PARAMETERS = [
  "client_id",
  "response_type",
  "redirect_uri",
  "scope",
  "state",
  "prompt",
] as const;

export interface ConsentPageInput {
  readonly tenantId: string;
  readonly appName: string;
  readonly appId: string;
  readonly scopes: readonly string[];
  /** Accounts the emulator lets you sign in as (the tenant's users), by UPN. */
  readonly accounts: readonly string[];
  readonly selectedAccount: string | undefined;
  readonly parameters: Readonly<Record<string, string>>;
}

const SCOPE_TEXT: Readonly<Record<string, string>> = {
  "https://api.partnercenter.microsoft.com/user_impersonation":
    "Access Partner Center as you (user_impersonation)",
  offline_access: "Maintain access to data you have given it access to (offline_access)",
  openid: "Sign you in (openid)",
  profile: "View your basic profile (profile)",
};

/** The sign-in and "Permissions requested" page, reduced to what a person (or a test) needs. */
export function renderConsentPage(input: ConsentPageInput): string {
  const options = input.accounts
    .map((upn) => {
      const selected = upn.toLowerCase() === input.selectedAccount?.toLowerCase() ? " selected" : "";
      return `<option value="${escapeHtml(upn)}"${selected}>${escapeHtml(upn)}</option>`;
    })
    .join("");
  const permissions = input.scopes
    .map((scope) => `<li>${escapeHtml(SCOPE_TEXT[scope] ?? scope)}</li>`)
    .join("");
  const hidden = AUTHORIZE_PARAMETERS.map((name) => {
    const value = input.parameters[name];
    return value === undefined ? "" : `<input type="hidden" name="${name}" value="${escapeHtml(value)}">`;
  }).join("");
  return page(
    "Permissions requested",
    `<h1>Permissions requested</h1>
<p class="app"><strong id="app-name">${escapeHtml(input.appName)}</strong><br><small>${escapeHtml(input.appId)}</small></p>
<p>This app would like to:</p>
<ul id="permissions">${permissions}</ul>
<form method="post" action="/${escapeHtml(input.tenantId)}/oauth2/v2.0/authorize">
${hidden}
<label for="account">Sign in as</label>
<select id="account" name="login_hint">${options}</select>
<p><label><input type="checkbox" id="for-organisation" name="consent_for_organisation" value="true"> Consent on behalf of your organization</label></p>
<p>Accepting these permissions means that you allow this app to use your data as specified in their terms of service and privacy statement.</p>
<button type="submit" id="accept" name="action" value="accept">Accept</button>
<button type="submit" id="cancel" name="action" value="cancel">Cancel</button>
</form>`,
  );
}

/** Entra's error page: the AADSTS line, and a way back to choose another account. */
export function renderErrorPage(message: string, retryUrl: string | undefined): string {
  const retry =
    retryUrl === undefined
      ? ""
      : `<p><a id="retry" href="${escapeHtml(retryUrl)}">Sign in with a different account</a></p>`;
  return page(
    "Sign in",
    `<h1>Sign in</h1>
<p>Sorry, but we're having trouble signing you in.</p>
<p id="error" role="alert">${escapeHtml(message)}</p>
${retry}`,
  );
}

function page(title: string, body: string): string {
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>${escapeHtml(title)} - cspops Entra emulator</title>
<style>body{font-family:system-ui,sans-serif;max-width:34rem;margin:3rem auto;padding:0 1rem}
#error{color:#a4262c}button{margin-right:.5rem;padding:.4rem 1.2rem}select{display:block;margin:.4rem 0 1rem}</style>
</head><body>
<p><small>cspops local emulator of Microsoft Entra ID</small></p>
${body}
</body></html>`;
}
