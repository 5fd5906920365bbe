import { html, type SafeHtml } from "../html.js";
import { renderPage } from "./page-layout.js";

/** What every step's form carries back to the authorize endpoint. */
export interface StepForm {
  readonly tenantId: string;
  readonly flowId: string;
}

export interface AccountPageInput extends StepForm {
  readonly appName: string;
  /** Pre-filled from `login_hint` (the consent link names the admin agent), or what was typed. */
  readonly login: string;
  /** The tenant's accounts, listed for the emulator's user (Entra lists none). */
  readonly accounts: readonly string[];
  readonly error?: string | undefined;
  readonly hinted: boolean;
}

/** Entra's first step: "Sign in" and the account's email address (UPN). */
export function renderAccountPage(input: AccountPageInput): string {
  const accounts = input.accounts.map((upn) => html`<li><code>${upn}</code></li>`);
  return renderPage({
    title: "Sign in",
    body: html`<h1>Sign in</h1>
<p class="muted">to continue to <span id="app-name">${input.appName}</span></p>
${stepForm(
  input,
  "account",
  html`<input type="email" id="login" name="login" value="${input.login}" placeholder="Email, phone, or Skype" aria-label="Enter your email, phone, or Skype." autocomplete="username" autofocus required>
${errorLine(input.error)}
<div class="buttons"><button type="submit" class="primary" id="next">Next</button></div>`,
)}
<div class="note">Emulator: sign in as an account of this tenant.${input.hinted ? " The consent link names the admin agent (login_hint), so it is filled in." : ""}
<details><summary>Accounts of this tenant</summary><ul>${accounts}</ul></details></div>`,
  });
}

export interface PasswordPageInput extends StepForm {
  readonly account: string;
  readonly startUrl: string;
  readonly error?: string | undefined;
}

/** Entra's second step: "Enter password". The emulator accepts any password and keeps none. */
export function renderPasswordPage(input: PasswordPageInput): string {
  return renderPage({
    title: "Enter password",
    account: input.account,
    body: html`<p class="small"><a id="back" href="${input.startUrl}">&larr; Use another account</a></p>
<h1>Enter password</h1>
${stepForm(
  input,
  "password",
  html`<input type="password" id="password" name="password" placeholder="Password" aria-label="Enter the password for ${input.account}" autocomplete="current-password" autofocus>
${errorLine(input.error)}
<div class="buttons"><button type="submit" class="primary" id="sign-in">Sign in</button></div>`,
)}
<p class="note">Emulator: any password is accepted; it is neither checked nor kept. Do not type a real one.</p>`,
  });
}

export interface MfaPageInput extends StepForm {
  readonly account: string;
  /** The code the emulated Authenticator app shows. */
  readonly code: string;
  readonly error?: string | undefined;
}

/** Entra's MFA step for an account with the Authenticator app registered: "Enter code". */
export function renderMfaPage(input: MfaPageInput): string {
  return renderPage({
    title: "Enter code",
    account: input.account,
    body: html`<h1>Enter code</h1>
<p>Enter the code displayed in the Microsoft Authenticator app on your mobile device</p>
<div class="phone" id="authenticator"><div class="muted">Emulated Authenticator app</div><div class="code" id="mfa-code">${input.code}</div></div>
${stepForm(
  input,
  "mfa",
  html`<input type="text" id="otc" name="otc" inputmode="numeric" maxlength="6" placeholder="Code" aria-label="Code" autocomplete="one-time-code" autofocus>
${errorLine(input.error)}
<div class="buttons"><button type="submit" class="primary" id="verify">Verify</button></div>`,
)}
<p class="note">Emulator: this account has an MFA method registered, so Entra asks for it; an account with none is refused before this step.</p>`,
  });
}

/** A form that posts one step of the flow back to the authorize endpoint. */
export function stepForm(form: StepForm, step: string, fields: SafeHtml): SafeHtml {
  return html`<form method="post" action="/${encodeURIComponent(form.tenantId)}/oauth2/v2.0/authorize">
<input type="hidden" name="flow" value="${form.flowId}"><input type="hidden" name="step" value="${step}">
${fields}
</form>`;
}

function errorLine(error: string | undefined): SafeHtml | undefined {
  return error === undefined ? undefined : html`<p class="error" id="error" role="alert">${error}</p>`;
}
