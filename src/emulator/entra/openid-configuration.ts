/**
 * `/{tenant}/v2.0/.well-known/openid-configuration`: the fields MSAL reads (authorization and token
 * endpoints, issuer, JWKS) plus the ones Entra always sends, pointed at the emulator.
 */
export function openidConfiguration(origin: string, tenantId: string): Record<string, unknown> {
  const base = `${origin}/${tenantId}`;
  return {
    token_endpoint: `${base}/oauth2/v2.0/token`,
    token_endpoint_auth_methods_supported: ["client_secret_post", "private_key_jwt", "client_secret_basic"],
    jwks_uri: `${base}/discovery/v2.0/keys`,
    response_modes_supported: ["query", "fragment", "form_post"],
    subject_types_supported: ["pairwise"],
    id_token_signing_alg_values_supported: ["RS256"],
    response_types_supported: ["code", "id_token", "code id_token", "id_token token"],
    scopes_supported: ["openid", "profile", "email", "offline_access"],
    issuer: `${base}/v2.0`,
    request_uri_parameter_supported: false,
    authorization_endpoint: `${base}/oauth2/v2.0/authorize`,
    end_session_endpoint: `${base}/oauth2/v2.0/logout`,
    http_logout_supported: true,
    frontchannel_logout_supported: true,
    claims_supported: ["sub", "iss", "aud", "exp", "iat", "auth_time", "acr", "nonce", "tid", "ver", "oid"],
    tenant_region_scope: "EU",
    cloud_instance_name: "microsoftonline.com",
    msgraph_host: "graph.microsoft.com",
  };
}
