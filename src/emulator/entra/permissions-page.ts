import { PARTNER_CENTER_RESOURCE } from "../../core/instance/identifiers.js";
import { html } from "../html.js";
import { renderPage } from "./page-layout.js";
import { type StepForm, stepForm } from "./sign-in-pages.js";

export interface PermissionsPageInput extends StepForm {
  readonly account: string;
  readonly appName: string;
  readonly appId: string;
  readonly scopes: readonly string[];
  /** The emulator shows its result page after Accept or Cancel (else it redirects as Entra does). */
  readonly resultPage: boolean;
}

/** How the consent page names each requested scope: what it lets the app do, and whose API it is. */
const SCOPE_TEXT: Readonly<Record<string, { readonly does: string; readonly api: string }>> = {
  [`${PARTNER_CENTER_RESOURCE}/user_impersonation`]: {
    does: "Access Partner Center as you",
    api: "Microsoft Partner Center · user_impersonation",
  },
  offline_access: {
    does: "Maintain access to data you have given it access to",
    api: "offline_access",
  },
  openid: { does: "Sign you in", api: "openid" },
  profile: { does: "View your basic profile", api: "profile" },
};

/** Entra's "Permissions requested" page, after the account signed in with MFA. */
export function renderPermissionsPage(input: PermissionsPageInput): string {
  const permissions = input.scopes.map((scope) => {
    const text = SCOPE_TEXT[scope] ?? { does: scope, api: scope };
    return html`<li>${text.does}<div class="muted">${text.api}</div></li>`;
  });
  const initial = (input.appName.trim()[0] ?? "?").toUpperCase();
  return renderPage({
    title: "Permissions requested",
    account: input.account,
    body: html`<h1>Permissions requested</h1>
<div class="app"><div class="app-icon" aria-hidden="true">${initial}</div>
<div><div class="app-name" id="app-name">${input.appName}</div><div class="muted">unverified · ${input.appId}</div></div></div>
<p>This app would like to:</p>
<ul class="permissions" id="permissions">${permissions}</ul>
${stepForm(
  input,
  "consent",
  html`<p><label><input type="checkbox" id="for-organisation" name="consent_for_organisation" value="true"> Consent on behalf of your organization</label></p>
<p class="small">Accepting these permissions means that you allow this app to use your data as specified in their terms of service and privacy statement. The publisher has not provided links to their terms for you to review. You can change these permissions at https://myapps.microsoft.com.</p>
<div class="buttons"><button type="submit" class="secondary" id="cancel" name="action" value="cancel">Cancel</button><button type="submit" class="primary" id="accept" name="action" value="accept">Accept</button></div>`,
)}
<p class="note">Emulator: Accept grants these permissions and records a delegated sign-in of the app; Cancel grants nothing.${input.resultPage ? " Either way the emulator then shows where the browser was sent." : ""}</p>`,
  });
}
