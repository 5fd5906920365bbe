import { describe, expect, it } from "vitest";
import { buildConsentUrl } from "../../src/core/consent/consent-url.js";

describe("buildConsentUrl", () => {
  it("builds the global authorize link with every parameter encoded", () => {
    const url = new URL(
      buildConsentUrl({
        cloud: "global",
        tenantId: "6a3b8c1e-0d2f-4b7a-9c5e-1f2a3b4c5d6e",
        appId: "11111111-2222-4333-8444-555555555555",
        redirectUri: "https://bss.contoso.example/ms/consent/callback?x=1&y=2",
        loginHint: "adele+bss@contoso.onmicrosoft.com",
        state: "contoso-primary",
      }),
    );

    expect(url.origin).toBe("https://login.microsoftonline.com");
    expect(url.pathname).toBe("/6a3b8c1e-0d2f-4b7a-9c5e-1f2a3b4c5d6e/oauth2/v2.0/authorize");
    expect(Object.fromEntries(url.searchParams)).toEqual({
      client_id: "11111111-2222-4333-8444-555555555555",
      response_type: "code",
      redirect_uri: "https://bss.contoso.example/ms/consent/callback?x=1&y=2",
      scope: "https://api.partnercenter.microsoft.com/user_impersonation offline_access openid profile",
      prompt: "consent",
      login_hint: "adele+bss@contoso.onmicrosoft.com",
      state: "contoso-primary",
    });
  });

  it("encodes spaces as %20 and a literal plus as %2B", () => {
    const url = buildConsentUrl({
      cloud: "global",
      tenantId: "6a3b8c1e-0d2f-4b7a-9c5e-1f2a3b4c5d6e",
      appId: "11111111-2222-4333-8444-555555555555",
      redirectUri: "https://bss.contoso.example/cb?tag=a+b",
      loginHint: "adele@contoso.onmicrosoft.com",
      state: "contoso-primary",
    });

    expect(url).toContain(
      "scope=https%3A%2F%2Fapi.partnercenter.microsoft.com%2Fuser_impersonation%20offline_access%20openid%20profile",
    );
    expect(url).toContain("redirect_uri=https%3A%2F%2Fbss.contoso.example%2Fcb%3Ftag%3Da%2Bb");
    expect(url).not.toContain("+");
  });

  it("uses the China authority for the china cloud", () => {
    const url = buildConsentUrl({
      cloud: "china",
      tenantId: "9b8a7c6d-5e4f-4a3b-8c2d-1e0f9a8b7c6d",
      appId: "11111111-2222-4333-8444-555555555555",
      redirectUri: "https://bss.fabrikam.example.cn/cb",
      loginHint: "li.wei@fabrikamcn.partner.onmschina.cn",
      state: "fabrikam-china",
    });

    expect(
      url.startsWith(
        "https://login.chinacloudapi.cn/9b8a7c6d-5e4f-4a3b-8c2d-1e0f9a8b7c6d/oauth2/v2.0/authorize?",
      ),
    ).toBe(true);
  });

  it("puts login_hint after prompt=consent and before state, as docs/consent-url.md shows", () => {
    const url = buildConsentUrl({
      cloud: "global",
      tenantId: "6a3b8c1e-0d2f-4b7a-9c5e-1f2a3b4c5d6e",
      appId: "11111111-2222-4333-8444-555555555555",
      redirectUri: "https://bss.contoso.example/cb",
      loginHint: "adele+bss@contoso.onmicrosoft.com",
      state: "contoso-primary",
    });

    expect(url).toMatch(
      /&prompt=consent&login_hint=adele%2Bbss%40contoso\.onmicrosoft\.com&state=contoso-primary$/,
    );
  });
});
