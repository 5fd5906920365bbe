import { html } from "../html.js";
import { renderPage } from "./page-layout.js";

export interface RefusalPageInput {
  /** The account refused, once it is known. */
  readonly account?: string | undefined;
  /** Entra's heading; the emulator's is more specific when it knows why. */
  readonly heading?: string | undefined;
  /** Why, in words; Entra's own line is "Sorry, but we're having trouble signing you in." */
  readonly reason?: string | undefined;
  readonly fix?: string | undefined;
  /** The `AADSTS…: message` line with its trace block, as Entra shows it (none: an emulator page). */
  readonly entraText?: string | undefined;
  /** Starts the sign-in again ("Sign in with a different account"). */
  readonly retryUrl?: string | undefined;
}

/** Entra's error page, with the reason in words above the AADSTS line that Entra gives. */
export function renderRefusalPage(input: RefusalPageInput): string {
  const retry =
    input.retryUrl === undefined
      ? undefined
      : html`<p><a id="retry" href="${input.retryUrl}">Sign in with a different account</a></p>`;
  const fix =
    input.fix === undefined ? undefined : html`<p id="fix"><strong>What to do:</strong> ${input.fix}</p>`;
  const details =
    input.entraText === undefined
      ? undefined
      : html`<h2>Troubleshooting details</h2>
<p class="small" id="error">${input.entraText}</p>`;
  return renderPage({
    title: "Sign in",
    account: input.account,
    body: html`<h1 id="heading">${input.heading ?? "Sign in"}</h1>
<p id="reason" role="alert">${input.reason ?? "Sorry, but we're having trouble signing you in."}</p>
${fix}
${retry}
${details}`,
  });
}
