import type { RunningEmulator } from "../../../src/emulator/start-emulator.js";
import { form, type HttpsAnswer, httpsRequest } from "./https-request.js";

/** The password every journey types: the emulator accepts any. */
export const ANY_PASSWORD = "any password will do";

/**
 * Walks the emulator's sign-in pages over HTTPS as a browser would: each page's form carries the
 * flow's id and its step, which the next post sends back.
 */
export function consentJourney(emulator: RunningEmulator, tenantId: string) {
  const authorize = `${emulator.authorityHost}/${tenantId}/oauth2/v2.0/authorize`;
  const ca = emulator.caCertPem;

  const open = (parameters: Record<string, string>) =>
    httpsRequest(`${authorize}?${new URLSearchParams(parameters).toString()}`, { ca });

  const post = (page: HttpsAnswer, fields: Record<string, string>) => {
    const flow = hiddenField(page.text, "flow");
    const step = stepOf(page);
    if (flow === undefined || step === undefined) {
      throw new Error(`the page has no sign-in form: ${page.status} ${page.text.slice(0, 400)}`);
    }
    const { body, headers } = form({ flow, step, ...fields });
    return httpsRequest(authorize, { ca, method: "POST", headers, body });
  };

  /** Account → password → MFA; the page after them (permissions), or the first that stops the walk. */
  const signIn = async (parameters: Record<string, string>, upn: string): Promise<HttpsAnswer> => {
    let page = await post(await open(parameters), { login: upn });
    if (stepOf(page) !== "password") return page;
    page = await post(page, { password: ANY_PASSWORD });
    if (stepOf(page) !== "mfa") return page;
    return post(page, { otc: mfaCodeOf(page) });
  };

  /** The whole journey to Accept or Cancel: the answer to that last post (a redirect). */
  const consent = async (
    parameters: Record<string, string>,
    upn: string,
    action: "accept" | "cancel",
    fields: Record<string, string> = {},
  ): Promise<HttpsAnswer> => post(await signIn(parameters, upn), { action, ...fields });

  /** Follows a redirect to the emulator's result page. */
  const follow = (answer: HttpsAnswer) => httpsRequest(String(answer.headers.location), { ca });

  return { open, post, signIn, consent, follow };
}

/** The step a page's form posts (`account`, `password`, `mfa`, `consent`); none on other pages. */
export function stepOf(page: HttpsAnswer): string | undefined {
  return hiddenField(page.text, "step");
}

/** The code the MFA page's emulated Authenticator app shows. */
export function mfaCodeOf(page: HttpsAnswer): string {
  const code = /id="mfa-code">(\d{6})</.exec(page.text)?.[1];
  if (code === undefined) throw new Error(`no Authenticator code on the page: ${page.text.slice(0, 400)}`);
  return code;
}

/** The redirect URI with its parameters, from the result page's "Continue" link. */
export function redirectOf(resultPage: HttpsAnswer): URL {
  const href = /id="continue" href="([^"]*)"/.exec(resultPage.text)?.[1];
  if (href === undefined) throw new Error(`no Continue link on the page: ${resultPage.text.slice(0, 400)}`);
  return new URL(unescapeHtml(href));
}

function hiddenField(html: string, name: string): string | undefined {
  const value = new RegExp(`<input type="hidden" name="${name}" value="([^"]*)">`).exec(html)?.[1];
  return value === undefined ? undefined : unescapeHtml(value);
}

function unescapeHtml(text: string): string {
  return text
    .replaceAll("&quot;", '"')
    .replaceAll("&#39;", "'")
    .replaceAll("&lt;", "<")
    .replaceAll("&gt;", ">")
    .replaceAll("&amp;", "&");
}
