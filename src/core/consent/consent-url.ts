import { CLOUD_ENDPOINTS, PARTNER_CENTER_RESOURCE, PARTNER_CENTER_SCOPE } from "../instance/identifiers.js";
import type { Cloud } from "../instance/instance.js";

/**
 * A consent link made by `buildConsentUrl`, and nothing else: the Markdown report writes a link
 * only for this type, so no outside text can become the report's link.
 */
export type ConsentUrl = string & { readonly __madeBy: "buildConsentUrl" };

export interface ConsentUrlInput {
  readonly cloud: Cloud;
  readonly tenantId: string;
  /** The app's real Application (client) ID. */
  readonly appId: string;
  /** The instance's first declared redirect URI. */
  readonly redirectUri: string;
  /** The admin agent's UPN: pre-fills the sign-in so that this account, not whoever is signed in, consents. */
  readonly loginHint: string;
  /** The instance name, echoed back to the BSS as `state`. */
  readonly state: string;
  /** Overrides the cloud's authority (the local emulator). */
  readonly authority?: string | undefined;
}

/** Scopes of the consent: Partner Center's delegated permission, plus a refresh token (docs/consent-url.md). */
const CONSENT_SCOPES = [
  `${PARTNER_CENTER_RESOURCE}/${PARTNER_CENTER_SCOPE}`,
  "offline_access",
  "openid",
  "profile",
] as const;

/**
 * The authorization-code consent link the admin agent opens (docs/consent-url.md). Built with `URL` so that
 * every parameter is encoded correctly whatever it contains.
 */
export function buildConsentUrl(input: ConsentUrlInput): ConsentUrl {
  const authority = input.authority ?? CLOUD_ENDPOINTS[input.cloud].authority;
  const url = new URL(
    `${authority.replace(/\/+$/, "")}/${encodeURIComponent(input.tenantId)}/oauth2/v2.0/authorize`,
  );
  url.search = new URLSearchParams({
    client_id: input.appId,
    response_type: "code",
    redirect_uri: input.redirectUri,
    scope: CONSENT_SCOPES.join(" "),
    prompt: "consent",
    login_hint: input.loginHint,
    state: input.state,
  })
    .toString()
    // URLSearchParams writes a space as `+` (form encoding); `%20` is the URI spelling that docs/consent-url.md
    // shows and that reads the same everywhere. A literal `+` is already `%2B`, so this is exact.
    .replaceAll("+", "%20");
  return url.toString() as ConsentUrl;
}
