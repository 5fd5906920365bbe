import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { EXAMPLES_SNAPSHOT as EXAMPLES, ALL_STATUSES_FIXTURE as FIXTURE } from "../support/fixtures.js";
import { ROOT as root, runCli } from "../support/run-cli.js";

async function appIdOf(tenantId: string): Promise<string> {
  const snapshot = JSON.parse(await readFile(join(root, EXAMPLES), "utf8"));
  return snapshot.tenants[tenantId].applications[0].appId;
}

describe("cspops consent-link", () => {
  it("prints only the link on stdout, for the app's real appId, and who opens it on stderr", async () => {
    const run = await runCli(["consent-link", "contoso-sandbox", "--observed", EXAMPLES]);

    expect(run.code).toBe(0);
    expect(run.stdout.endsWith("\n")).toBe(true);
    const url = new URL(run.stdout.trim());
    expect(`${url.origin}${url.pathname}`).toBe(
      "https://login.microsoftonline.com/3f1c2d4e-5a6b-4c7d-8e9f-0a1b2c3d4e5f/oauth2/v2.0/authorize",
    );
    expect(Object.fromEntries(url.searchParams)).toEqual({
      client_id: await appIdOf("3f1c2d4e-5a6b-4c7d-8e9f-0a1b2c3d4e5f"),
      response_type: "code",
      redirect_uri: "https://bss-staging.contoso.example/ms/consent/callback",
      scope: "https://api.partnercenter.microsoft.com/user_impersonation offline_access openid profile",
      prompt: "consent",
      login_hint: "sandbox-admin@contosotip.onmicrosoft.com",
      state: "contoso-sandbox",
    });
    expect(run.stderr).toContain("signed in as sandbox-admin@contosotip.onmicrosoft.com");
  });

  it("links a China instance to the China authority", async () => {
    const run = await runCli(["consent-link", "fabrikam-china", "--observed", EXAMPLES]);

    expect(run.code).toBe(0);
    expect(
      run.stdout.startsWith(
        "https://login.chinacloudapi.cn/9b8a7c6d-5e4f-4a3b-8c2d-1e0f9a8b7c6d/oauth2/v2.0/authorize?",
      ),
    ).toBe(true);
  });

  it("uses CSPOPS_AUTHORITY_HOST when it is set", async () => {
    const run = await runCli(["consent-link", "contoso-primary", "--observed", EXAMPLES], {
      env: { CSPOPS_AUTHORITY_HOST: "https://127.0.0.1:8443/" },
    });

    expect(
      run.stdout.startsWith(
        "https://127.0.0.1:8443/6a3b8c1e-0d2f-4b7a-9c5e-1f2a3b4c5d6e/oauth2/v2.0/authorize?",
      ),
    ).toBe(true);
  });

  it("exits 1 for an unknown instance, suggesting the closest name", async () => {
    const run = await runCli(["consent-link", "contoso-sandbx", "--observed", EXAMPLES]);

    expect(run.code).toBe(1);
    expect(run.stderr).toContain("no instance named 'contoso-sandbx' in instances");
    expect(run.stderr).toContain("did you mean 'contoso-sandbox'?");
    expect(run.stdout).toBe("");
  });

  it("exits 1 for an instance that is not provisioned, saying what to do", async () => {
    const run = await runCli([
      "consent-link",
      "unprovisioned-primary",
      "--dir",
      `${FIXTURE}/instances`,
      "--observed",
      `${FIXTURE}/snapshot.json`,
    ]);

    expect(run.code).toBe(1);
    expect(run.stderr).toContain("instance 'unprovisioned-primary' has no app to consent to yet");
    expect(run.stderr).toContain("pulumi up");
    expect(run.stdout).toBe("");
  });

  it("exits 2 without an argument", async () => {
    const run = await runCli(["consent-link"]);

    expect(run.code).toBe(2);
  });
});
