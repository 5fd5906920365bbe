import type { ConsentResult } from "../emulator-state.js";
import { html, type SafeHtml } from "../html.js";
import { renderPage } from "./page-layout.js";

/**
 * The emulator's own page after Accept or Cancel (Entra has none: it redirects to the BSS, whose
 * host does not exist on this machine). It says where the browser was sent, with every parameter,
 * and what the BSS does next, so that a person can tell consent given from consent refused.
 */
export function renderConsentResultPage(result: ConsentResult, authority: string): string {
  const sent = new URL(result.redirectUrl);
  const target = `${sent.origin}${sent.pathname}`;
  const parameters = [...sent.searchParams].map(
    ([name, value]) => html`<tr><td>${name}</td><td><code id="param-${name}">${value}</code></td></tr>`,
  );
  const granted = result.outcome === "granted";
  return renderPage({
    title: granted ? "Consent given" : "Consent refused",
    account: result.userPrincipalName,
    wide: true,
    body: html`<div class="outcome"><span class="badge ${granted ? "ok" : "no"}" aria-hidden="true">${granted ? "✓" : "✕"}</span>
<h1 id="outcome">${granted ? "Consent given" : "Consent refused"}</h1></div>
<p id="summary">${granted ? grantedSummary(result) : `${result.userPrincipalName} pressed Cancel: ${result.appName} was granted nothing.`}</p>
<h2>Where Entra sent the browser</h2>
<p>To the app's redirect URI <code id="redirect-uri">${target}</code>, with:</p>
<table id="parameters">${parameters}</table>
<p class="small">The BSS does not run on this machine, so the emulator stops here.
<a id="continue" href="${result.redirectUrl}">Continue to the redirect URI</a> if a BSS listens there.</p>
<h2>What the BSS does next</h2>
${granted ? grantedNext(result, authority) : declinedNext(result)}`,
  });
}

function grantedSummary(result: ConsentResult): string {
  const whom = result.forOrganisation ? "for the whole organisation" : `for ${result.userPrincipalName}`;
  const scopes = result.scopes.length === 0 ? "no Partner Center permission" : result.scopes.join(", ");
  return `${result.userPrincipalName} accepted the permissions ${result.appName} requested: Microsoft Partner Center ${scopes}, ${whom}. The emulator recorded the grant and a delegated sign-in of the app at ${result.at.toISOString()}.`;
}

function grantedNext(result: ConsentResult, authority: string): SafeHtml {
  const tokenEndpoint = `${authority}/${result.tenantId}/oauth2/v2.0/token`;
  return html`<ol id="next-steps">
<li>Checks that <code>state</code> is the value it put in the consent link, then exchanges the <code>code</code> (once, and soon: codes are short-lived) for tokens:
<code class="url">POST ${tokenEndpoint}
grant_type=authorization_code&amp;client_id=${result.appId}&amp;client_secret=&lt;the app's Key&gt;&amp;redirect_uri=…&amp;code=…</code></li>
<li>Keeps the <strong>refresh token</strong> it receives: that is what it calls Partner Center with. Each use renews it; unused for 90 days, it expires and the admin agent must consent again.</li>
<li>cspops sees the consent: reconcile again (Enter in <code>npm start</code>'s terminal) and the instance is <code>ready</code>.</li>
</ol>`;
}

function declinedNext(result: ConsentResult): SafeHtml {
  const description = new URL(result.redirectUrl).searchParams.get("error_description") ?? "";
  const code = /^AADSTS(\d+)/.exec(description)?.[1];
  return html`<ol id="next-steps">
<li>Finds <code>error=access_denied</code> instead of a <code>code</code>${code === undefined ? "" : html` (AADSTS${code} in <code>error_description</code>)`}: there is nothing to exchange, so it gets no refresh token.</li>
<li>Says that consent was refused and offers the consent link again; the instance stays <code>needs-consent</code>.</li>
</ol>`;
}
