import { describe, expect, it } from "vitest";
import { buildConsentUrl } from "../../src/core/consent-url.js";

describe("buildConsentUrl", () => {
  it("builds the global authorize link with every parameter encoded", () => {
    const url = new URL(
      buildConsentUrl({
        cloud: "global",
        tenantId: "6a3b8c1e-0d2f-4b7a-9c5e-1f2a3b4c5d6e",
        appId: "11111111-2222-4333-8444-555555555555",
        redirectUri: "https://bss.contoso.example/ms/consent/callback?x=1&y=2",
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
      state: "contoso-primary",
    });
  });

  it("uses the China authority for the china cloud", () => {
    const url = buildConsentUrl({
      cloud: "china",
      tenantId: "9b8a7c6d-5e4f-4a3b-8c2d-1e0f9a8b7c6d",
      appId: "11111111-2222-4333-8444-555555555555",
      redirectUri: "https://bss.fabrikam.example.cn/cb",
      state: "fabrikam-china",
    });

    expect(
      url.startsWith(
        "https://login.chinacloudapi.cn/9b8a7c6d-5e4f-4a3b-8c2d-1e0f9a8b7c6d/oauth2/v2.0/authorize?",
      ),
    ).toBe(true);
  });
});
