import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildExampleSeed, EXAMPLE_TENANTS } from "../../src/emulator/seeds/example-instances.js";
import { type RunningEmulator, startEmulator } from "../../src/emulator/start-emulator.js";
import { consentJourney, mfaCodeOf, redirectOf, stepOf } from "./support/consent-journey.js";
import { form, httpsRequest } from "./support/https-request.js";

const primary = EXAMPLE_TENANTS[0]!;
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

function journey(spec: (typeof EXAMPLE_TENANTS)[number]) {
  return consentJourney(emulator, spec.tenantId);
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

  it("opens on the account step, filled in from login_hint, naming the app", async () => {
    const page = await journey(sandbox).open({
      ...consentParameters(sandbox),
      login_hint: sandbox.agent.upn,
    });

    expect(page.status).toBe(200);
    expect(page.text).toContain("<h1>Sign in</h1>");
    expect(page.text).toContain(sandbox.displayName);
    expect(page.text).toContain(`id="login" name="login" value="${sandbox.agent.upn}"`);
    expect(stepOf(page)).toBe("account");
  });

  it("refuses a redirect URI the app does not register (AADSTS50011)", async () => {
    const page = await journey(sandbox).open({
      ...consentParameters(sandbox),
      redirect_uri: "https://evil.example/",
    });

    expect(page.status).toBe(400);
    expect(page.text).toContain("AADSTS50011");
  });

  it("walks account, password (any) and MFA (the Authenticator's code) to the permissions page", async () => {
    const page = await journey(sandbox).signIn(consentParameters(sandbox), sandbox.agent.upn);

    expect(page.status).toBe(200);
    expect(stepOf(page)).toBe("consent");
    expect(page.text).toContain("<h1>Permissions requested</h1>");
    expect(page.text).toContain(`id="app-name">${sandbox.displayName}<`);
    expect(page.text).toContain("Access Partner Center as you");
    expect(page.text).toContain("Microsoft Partner Center · user_impersonation");
    expect(page.text).toContain('id="accept"');
    expect(page.text).toContain('id="cancel"');
  });

  it("asks again for an unknown account, an empty password and a wrong code", async () => {
    const { open, post } = journey(sandbox);
    const account = await open(consentParameters(sandbox));

    const unknown = await post(account, { login: "nobody@contosotip.onmicrosoft.com" });
    const password = await post(unknown, { login: sandbox.agent.upn });
    const empty = await post(password, { password: "" });
    const mfa = await post(empty, { password: "x" });
    const wrong = await post(mfa, { otc: mfaCodeOf(mfa) === "000000" ? "000001" : "000000" });

    expect(unknown.text).toContain("This username may be incorrect.");
    expect(stepOf(unknown)).toBe("account");
    expect(empty.text).toContain("Please enter your password.");
    expect(stepOf(empty)).toBe("password");
    expect(wrong.text).toContain("You didn&#39;t enter the expected verification code.");
    expect(stepOf(wrong)).toBe("mfa");
  });

  it("refuses a step posted out of order, and a finished flow", async () => {
    const { open, post } = journey(sandbox);
    const account = await open(consentParameters(sandbox));
    const flow = /name="flow" value="([^"]+)"/.exec(account.text)![1]!;
    const { body, headers } = form({ flow, step: "consent", action: "accept" });

    const skipped = await httpsRequest(
      `${emulator.authorityHost}/${sandbox.tenantId}/oauth2/v2.0/authorize`,
      {
        ca: emulator.caCertPem,
        method: "POST",
        headers,
        body,
      },
    );
    const resumed = await post(account, { login: sandbox.agent.upn });

    expect(skipped.status).toBe(400);
    expect(skipped.text).toContain("This sign-in is over");
    expect(resumed.status).toBe(200);
    expect(stepOf(resumed)).toBe("password");
    expect(emulator.state.tenants.get(sandbox.tenantId)!.oauth2PermissionGrants).toHaveLength(0);
  });

  it("refuses, in words, a user neither in AdminAgents nor a Global Administrator (AADSTS50105); grants nothing", async () => {
    const page = await journey(sandbox).signIn(consentParameters(sandbox), sandbox.others[0]!.upn);

    expect(page.status).toBe(200);
    expect(page.text).toContain(
      `${sandbox.others[0]!.upn} is not a member of the AdminAgents group and is not a Global Administrator of this tenant.`,
    );
    expect(page.text).toContain("AADSTS50105");
    expect(page.text).toContain('id="retry"');
    expect(stepOf(page)).toBeUndefined();
    expect(emulator.state.tenants.get(sandbox.tenantId)!.oauth2PermissionGrants).toHaveLength(0);
  });

  it("refuses, in words, an admin agent with no MFA method (AADSTS50079), before any MFA step", async () => {
    const page = await journey(china).signIn(consentParameters(china), china.agent.upn);

    expect(page.text).toContain(`${china.agent.upn} has no multi-factor authentication method registered.`);
    expect(page.text).toContain("AADSTS50079");
    expect(page.text).not.toContain('id="mfa-code"');
    expect(emulator.state.tenants.get(china.tenantId)!.oauth2PermissionGrants).toHaveLength(0);
  });

  it("refuses, in words, a disabled admin agent (AADSTS50057)", async () => {
    const agent = emulator.state.tenants
      .get(sandbox.tenantId)!
      .users.find((user) => user.id === sandbox.agent.id)!;
    agent.accountEnabled = false;

    const page = await journey(sandbox)
      .signIn(consentParameters(sandbox), sandbox.agent.upn)
      .finally(() => {
        agent.accountEnabled = true;
      });

    expect(page.text).toContain(`${sandbox.agent.upn} is disabled in this tenant (accountEnabled: false).`);
    expect(page.text).toContain("AADSTS50057");
    expect(emulator.state.tenants.get(sandbox.tenantId)!.oauth2PermissionGrants).toHaveLength(0);
  });

  it("escapes values from the URL and the seed on every page", async () => {
    const app = emulator.state.tenants.get(sandbox.tenantId)!.applications[0]!;
    const name = app.displayName;
    app.displayName = '<img src=x onerror="alert(1)">';
    const { open, signIn } = journey(sandbox);

    const account = await open({ ...consentParameters(sandbox), login_hint: '"><script>alert(1)</script>' });
    const permissions = await signIn(consentParameters(sandbox), sandbox.agent.upn).finally(() => {
      app.displayName = name;
    });

    for (const page of [account, permissions]) {
      expect(page.text).not.toContain("<img src=x");
      expect(page.text).not.toContain("<script>alert");
    }
    expect(account.text).toContain("&quot;&gt;&lt;script&gt;");
    expect(permissions.text).toContain("&lt;img src=x onerror=&quot;alert(1)&quot;&gt;");
  });

  it("on Cancel, grants nothing and shows that the browser was sent access_denied (AADSTS65004)", async () => {
    const { consent, follow } = journey(sandbox);

    const answer = await consent(
      { ...consentParameters(sandbox), state: "<b>contoso</b>" },
      sandbox.agent.upn,
      "cancel",
    );
    const result = await follow(answer);

    const sent = redirectOf(result);
    expect(answer.status).toBe(302);
    expect(String(answer.headers.location)).toMatch(/\/emulator\/consent-result\/[\w-]+$/);
    expect(result.text).toContain('<h1 id="outcome">Consent refused</h1>');
    expect(result.text).toContain("&lt;b&gt;contoso&lt;/b&gt;");
    expect(`${sent.origin}${sent.pathname}`).toBe(sandbox.redirectUris[0]);
    expect(sent.searchParams.get("error")).toBe("access_denied");
    expect(sent.searchParams.get("error_description")).toMatch(/^AADSTS65004: User declined/);
    expect(sent.searchParams.get("state")).toBe("<b>contoso</b>");
    expect(sent.searchParams.has("code")).toBe(false);
    expect(emulator.state.tenants.get(sandbox.tenantId)!.oauth2PermissionGrants).toHaveLength(0);
  });

  it("on Accept by the admin agent, grants, records the sign-in and shows the redirect with code and state", async () => {
    const { consent, follow } = journey(sandbox);

    const answer = await consent(consentParameters(sandbox), sandbox.agent.upn, "accept");
    const result = await follow(answer);

    const sent = redirectOf(result);
    const tenant = emulator.state.tenants.get(sandbox.tenantId)!;
    expect(result.status).toBe(200);
    expect(result.text).toContain('<h1 id="outcome">Consent given</h1>');
    expect(result.text).toContain("exchanges the <code>code</code>");
    expect(result.text).toContain(`${emulator.authorityHost}/${sandbox.tenantId}/oauth2/v2.0/token`);
    expect(`${sent.origin}${sent.pathname}`).toBe(sandbox.redirectUris[0]);
    expect(sent.searchParams.get("state")).toBe("contoso-sandbox");
    expect(sent.searchParams.get("code")).toMatch(/^[\w-]{20,}$/);
    expect(tenant.oauth2PermissionGrants).toMatchObject([
      { consentType: "Principal", principalId: sandbox.agent.id, scope: "user_impersonation" },
    ]);
    expect(tenant.servicePrincipalSignInActivities).toMatchObject([
      { appId: sandbox.appId, delegatedClientSignInActivity: { lastSignInDateTime: NOW.toISOString() } },
    ]);
  });

  it("redeems the code once for a refresh token, which renews on use", async () => {
    const { consent, follow } = journey(sandbox);
    const code = redirectOf(
      await follow(await consent(consentParameters(sandbox), sandbox.agent.upn, "accept")),
    ).searchParams.get("code")!;
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

  it("refuses a refresh token once its user is disabled (AADSTS50057) or its sessions were revoked after it was issued (AADSTS50173)", async () => {
    const { consent, follow } = journey(sandbox);
    const tokenUrl = `${emulator.authorityHost}/${sandbox.tenantId}/oauth2/v2.0/token`;
    const redeem = (fields: Record<string, string>) => {
      const { body, headers } = form({ client_id: sandbox.appId!, client_secret: "the-bss-key", ...fields });
      return httpsRequest(tokenUrl, { ca: emulator.caCertPem, method: "POST", headers, body });
    };
    const freshRefreshToken = async () => {
      const answer = await follow(await consent(consentParameters(sandbox), sandbox.agent.upn, "accept"));
      const code = redirectOf(answer).searchParams.get("code")!;
      const redeemed = await redeem({
        grant_type: "authorization_code",
        code,
        redirect_uri: sandbox.redirectUris[0]!,
      });
      return redeemed.json<{ refresh_token: string }>().refresh_token;
    };
    const agent = emulator.state.tenants
      .get(sandbox.tenantId)!
      .users.find((user) => user.id === sandbox.agent.id)!;
    const before = { accountEnabled: agent.accountEnabled, validFrom: agent.signInSessionsValidFromDateTime };
    try {
      const beforeDisabling = await freshRefreshToken();
      agent.accountEnabled = false;
      const disabled = await redeem({ grant_type: "refresh_token", refresh_token: beforeDisabling });
      agent.accountEnabled = before.accountEnabled;

      const beforeRevoking = await freshRefreshToken();
      agent.signInSessionsValidFromDateTime = new Date(NOW.getTime() + 60_000).toISOString();
      const revoked = await redeem({ grant_type: "refresh_token", refresh_token: beforeRevoking });

      expect(disabled.status).toBe(400);
      expect(disabled.json()).toMatchObject({ error: "invalid_grant", error_codes: [50057] });
      expect(revoked.status).toBe(400);
      expect(revoked.json()).toMatchObject({ error: "invalid_grant", error_codes: [50173] });
      expect(revoked.json<{ error_description: string }>().error_description).toContain(
        `the TokensValidFrom date (before which tokens are not valid) for this user is '${agent.signInSessionsValidFromDateTime}'`,
      );
    } finally {
      agent.accountEnabled = before.accountEnabled;
      agent.signInSessionsValidFromDateTime = before.validFrom;
    }
  });

  it("after the agent's sessions were revoked, a new consent records a delegated sign-in after the revocation", async () => {
    const tenant = emulator.state.tenants.get(primary.tenantId)!;
    const revokedAt = new Date(NOW.getTime() - 3_600_000).toISOString();
    tenant.users.find((user) => user.id === primary.agent.id)!.signInSessionsValidFromDateTime = revokedAt;

    await journey(primary).consent(consentParameters(primary), primary.agent.upn, "accept");

    const activity = tenant.servicePrincipalSignInActivities.find((entry) => entry.appId === primary.appId);
    expect(activity).toMatchObject({
      delegatedClientSignInActivity: { lastSignInDateTime: NOW.toISOString() },
    });
    expect(NOW.toISOString() > revokedAt).toBe(true);
  });
});

describe("the Entra emulator started with consentLanding: redirect", () => {
  it("sends the browser straight to the redirect URI with code and state, as Entra does", async () => {
    const plain = await startEmulator({
      seed: buildExampleSeed(NOW),
      now: () => NOW,
      consentLanding: "redirect",
    });

    const answer = await consentJourney(plain, sandbox.tenantId)
      .consent(consentParameters(sandbox), sandbox.agent.upn, "accept")
      .finally(() => plain.close());

    const location = new URL(String(answer.headers.location));
    expect(answer.status).toBe(302);
    expect(`${location.origin}${location.pathname}`).toBe(sandbox.redirectUris[0]);
    expect(location.searchParams.get("state")).toBe("contoso-sandbox");
    expect(location.searchParams.get("code")).toMatch(/^[\w-]{20,}$/);
    expect(location.searchParams.get("session_state")).toMatch(/^[0-9a-f-]{36}$/);
  });
});
