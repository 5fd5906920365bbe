import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildExampleSeed, EXAMPLE_TENANTS } from "../../src/emulator/seeds/example-instances.js";
import { type RunningEmulator, startEmulator } from "../../src/emulator/start-emulator.js";
import { form, httpsRequest } from "./support/https-request.js";

const sandbox = EXAMPLE_TENANTS[1]!;
const china = EXAMPLE_TENANTS[2]!;
const NOW = new Date("2026-11-20T10:00:00Z");

let emulator: RunningEmulator;

function consentParameters(spec: (typeof EXAMPLE_TENANTS)[number]) {
  return {
    client_id: spec.appId!,
    response_type: "code",
    redirect_uri: spec.redirectUris[0]!,
    scope: "https://api.partnercenter.microsoft.com/user_impersonation offline_access openid profile",
    prompt: "consent",
    state: spec.instance,
  };
}

async function approve(spec: (typeof EXAMPLE_TENANTS)[number], upn: string) {
  const { body, headers } = form({ ...consentParameters(spec), login_hint: upn, action: "accept" });
  return httpsRequest(`${emulator.authorityHost}/${spec.tenantId}/oauth2/v2.0/authorize`, {
    ca: emulator.caCertPem,
    method: "POST",
    headers,
    body,
  });
}

beforeAll(async () => {
  emulator = await startEmulator({ seed: buildExampleSeed(NOW), now: () => NOW });
});

afterAll(async () => {
  await emulator.close();
});

describe("the Entra emulator", () => {
  it("publishes the OpenID configuration MSAL reads, on the emulator's own origin", async () => {
    const answer = await httpsRequest(
      `${emulator.authorityHost}/${sandbox.tenantId}/v2.0/.well-known/openid-configuration`,
      {
        ca: emulator.caCertPem,
      },
    );

    expect(answer.json()).toMatchObject({
      token_endpoint: `${emulator.authorityHost}/${sandbox.tenantId}/oauth2/v2.0/token`,
      authorization_endpoint: `${emulator.authorityHost}/${sandbox.tenantId}/oauth2/v2.0/authorize`,
      issuer: `${emulator.authorityHost}/${sandbox.tenantId}/v2.0`,
      jwks_uri: expect.any(String),
    });
  });

  it("refuses a wrong client secret with Entra's invalid_client and AADSTS7000215", async () => {
    const { body, headers } = form({
      grant_type: "client_credentials",
      client_id: emulator.client.clientId,
      client_secret: "wrong-secret-value",
      scope: "https://graph.microsoft.com/.default",
    });

    const answer = await httpsRequest(`${emulator.authorityHost}/${sandbox.tenantId}/oauth2/v2.0/token`, {
      ca: emulator.caCertPem,
      method: "POST",
      headers,
      body,
    });

    expect(answer.status).toBe(401);
    expect(answer.json()).toMatchObject({ error: "invalid_client", error_codes: [7000215] });
    expect(answer.text).not.toContain("wrong-secret-value");
  });

  it("shows a consent page naming the app and offering the tenant's accounts", async () => {
    const query = new URLSearchParams(consentParameters(sandbox)).toString();

    const answer = await httpsRequest(
      `${emulator.authorityHost}/${sandbox.tenantId}/oauth2/v2.0/authorize?${query}`,
      {
        ca: emulator.caCertPem,
      },
    );

    expect(answer.status).toBe(200);
    expect(answer.text).toContain(sandbox.displayName);
    expect(answer.text).toContain(`<option value="${sandbox.agent.upn}">`);
    expect(answer.text).toContain('id="accept"');
  });

  it("refuses a redirect URI the app does not register (AADSTS50011)", async () => {
    const query = new URLSearchParams({
      ...consentParameters(sandbox),
      redirect_uri: "https://evil.example/",
    }).toString();

    const answer = await httpsRequest(
      `${emulator.authorityHost}/${sandbox.tenantId}/oauth2/v2.0/authorize?${query}`,
      {
        ca: emulator.caCertPem,
      },
    );

    expect(answer.status).toBe(400);
    expect(answer.text).toContain("AADSTS50011");
  });

  it("refuses a user who is not an admin agent (AADSTS50105) and grants nothing", async () => {
    const answer = await approve(sandbox, sandbox.others[0]!.upn);

    expect(answer.status).toBe(200);
    expect(answer.text).toContain("AADSTS50105");
    expect(emulator.state.tenants.get(sandbox.tenantId)!.oauth2PermissionGrants).toHaveLength(0);
  });

  it("refuses an admin agent without MFA (AADSTS50076)", async () => {
    const answer = await approve(china, china.agent.upn);

    expect(answer.text).toContain("AADSTS50076");
    expect(emulator.state.tenants.get(china.tenantId)!.oauth2PermissionGrants).toHaveLength(0);
  });

  it("on approval by the admin agent, grants, records the sign-in and redirects with code and state", async () => {
    const answer = await approve(sandbox, sandbox.agent.upn);

    const location = new URL(String(answer.headers.location));
    const tenant = emulator.state.tenants.get(sandbox.tenantId)!;
    expect(answer.status).toBe(302);
    expect(`${location.origin}${location.pathname}`).toBe(sandbox.redirectUris[0]);
    expect(location.searchParams.get("state")).toBe("contoso-sandbox");
    expect(location.searchParams.get("code")).toMatch(/^[\w-]{20,}$/);
    expect(tenant.oauth2PermissionGrants).toMatchObject([
      { consentType: "Principal", principalId: sandbox.agent.id, scope: "user_impersonation" },
    ]);
    expect(tenant.servicePrincipalSignInActivities).toMatchObject([
      { appId: sandbox.appId, delegatedClientSignInActivity: { lastSignInDateTime: NOW.toISOString() } },
    ]);
  });

  it("redeems the code once for a refresh token, which renews on use", async () => {
    const approval = await approve(sandbox, sandbox.agent.upn);
    const code = new URL(String(approval.headers.location)).searchParams.get("code")!;
    const redeem = (fields: Record<string, string>) => {
      const { body, headers } = form({ client_id: sandbox.appId!, client_secret: "the-bss-key", ...fields });
      return httpsRequest(`${emulator.authorityHost}/${sandbox.tenantId}/oauth2/v2.0/token`, {
        ca: emulator.caCertPem,
        method: "POST",
        headers,
        body,
      });
    };

    const first = await redeem({
      grant_type: "authorization_code",
      code,
      redirect_uri: sandbox.redirectUris[0]!,
    });
    const again = await redeem({
      grant_type: "authorization_code",
      code,
      redirect_uri: sandbox.redirectUris[0]!,
    });
    const refreshed = await redeem({
      grant_type: "refresh_token",
      refresh_token: first.json<{ refresh_token: string }>().refresh_token,
    });

    expect(first.json()).toMatchObject({ token_type: "Bearer", refresh_token: expect.any(String) });
    expect(again.json()).toMatchObject({ error: "invalid_grant" });
    expect(refreshed.json<{ refresh_token: string }>().refresh_token).not.toBe(
      first.json<{ refresh_token: string }>().refresh_token,
    );
  });
});
