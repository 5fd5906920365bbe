import { randomUUID } from "node:crypto";

/** An Entra refusal: the AADSTS code and the sentence Entra shows with it. */
export interface EntraRefusal {
  readonly code: number;
  readonly message: string;
}

/** The AADSTS messages the emulator gives, worded as Microsoft Entra words them. */
export const refusals = {
  tenantNotFound: (tenant: string): EntraRefusal => ({
    code: 90002,
    message: `Tenant '${tenant}' not found. Check to make sure you have the correct tenant ID and are signing into the correct cloud. Check with your subscription administrator, this may happen if there are no active subscriptions for the tenant.`,
  }),
  applicationNotFound: (clientId: string, tenant: string): EntraRefusal => ({
    code: 700016,
    message: `Application with identifier '${clientId}' was not found in the directory '${tenant}'. This can happen if the application has not been installed by the administrator of the tenant or consented to by any user in the tenant. You may have sent your authentication request to the wrong tenant.`,
  }),
  invalidClientSecret: (clientId: string): EntraRefusal => ({
    code: 7000215,
    message: `Invalid client secret provided. Ensure the secret being sent in the request is the client secret value, not the client secret ID, for a secret added to app '${clientId}'.`,
  }),
  redirectUriMismatch: (redirectUri: string, clientId: string): EntraRefusal => ({
    code: 50011,
    message: `The redirect URI '${redirectUri}' specified in the request does not match the redirect URIs configured for the application '${clientId}'. Make sure the redirect URI sent in the request matches one added to your application in the Azure portal.`,
  }),
  unsupportedResponseType: (responseType: string): EntraRefusal => ({
    code: 70005,
    message: `response_type '${responseType}' is not enabled for the application.`,
  }),
  userNotFound: (upn: string, tenant: string): EntraRefusal => ({
    code: 50034,
    message: `The user account ${upn} does not exist in the ${tenant} directory. To sign into this application, the account must be added to the directory.`,
  }),
  userDisabled: (): EntraRefusal => ({
    code: 50057,
    message:
      "The user account is disabled. The user object in Active Directory backing this account has been disabled.",
  }),
  mfaRequired: (resource: string): EntraRefusal => ({
    code: 50076,
    message: `Due to a configuration change made by your administrator, or because you moved to a new location, you must use multi-factor authentication to access '${resource}'.`,
  }),
  mfaEnrollmentRequired: (resource: string): EntraRefusal => ({
    code: 50079,
    message: `Due to a configuration change made by your administrator, or because you moved to a new location, you must enroll in multi-factor authentication to access '${resource}'.`,
  }),
  notAdminAgent: (upn: string, clientId: string, appName: string): EntraRefusal => ({
    code: 50105,
    message: `Your administrator has configured the application ${appName} ('${clientId}') to block users unless they are specifically granted ('assigned') access to the application. The signed in user '${upn}' is blocked because they are not a direct member of a group with access, nor had access directly assigned by an administrator. Please contact your administrator to assign access to this application.`,
  }),
  userDeclined: (): EntraRefusal => ({
    code: 65004,
    message: "User declined to consent to access the app.",
  }),
  invalidGrant: (): EntraRefusal => ({
    code: 70000,
    message: "The provided value for the 'code' parameter is not valid.",
  }),
  codeRedeemed: (): EntraRefusal => ({
    code: 54005,
    message:
      "OAuth2 Authorization code was already redeemed, please retry with a new valid code or use an existing refresh token.",
  }),
  refreshTokenExpired: (lastUsed: string): EntraRefusal => ({
    code: 700082,
    message: `The refresh token has expired due to inactivity. The token was issued on ${lastUsed} and was inactive for 90.00:00:00.`,
  }),
  grantRevoked: (issuedAt: string, validFrom: string): EntraRefusal => ({
    code: 50173,
    message: `The provided grant has expired due to it being revoked, a fresh auth token is needed. The user might have changed or reset their password. The grant was issued on '${issuedAt}' and the TokensValidFrom date (before which tokens are not valid) for this user is '${validFrom}'.`,
  }),
  consentRequired: (clientId: string): EntraRefusal => ({
    code: 65001,
    message: `The user or administrator has not consented to use the application with ID '${clientId}'. Send an interactive authorization request for this user and resource.`,
  }),
  unsupportedGrantType: (grantType: string): EntraRefusal => ({
    code: 70003,
    message: `The app requested an unsupported grant type '${grantType}'.`,
  }),
};

/** The `AADSTS…: message` line, followed by the trace block Entra appends. */
export function describeRefusal(
  refusal: EntraRefusal,
  now: Date,
): { text: string; traceId: string; correlationId: string } {
  const traceId = randomUUID();
  const correlationId = randomUUID();
  const text = `AADSTS${refusal.code}: ${refusal.message} Trace ID: ${traceId} Correlation ID: ${correlationId} Timestamp: ${entraTimestamp(now)}`;
  return { text, traceId, correlationId };
}

/** The token endpoint's error body (RFC 6749 §5.2 plus Entra's extra fields). */
export function oauthErrorBody(error: string, refusal: EntraRefusal, now: Date): Record<string, unknown> {
  const { text, traceId, correlationId } = describeRefusal(refusal, now);
  return {
    error,
    error_description: text,
    error_codes: [refusal.code],
    timestamp: entraTimestamp(now),
    trace_id: traceId,
    correlation_id: correlationId,
    error_uri: `https://login.microsoftonline.com/error?code=${refusal.code}`,
  };
}

/** `2026-11-20 10:00:00Z`, as Entra writes times in its errors. */
function entraTimestamp(now: Date): string {
  return now
    .toISOString()
    .replace("T", " ")
    .replace(/\.\d{3}Z$/, "Z");
}
