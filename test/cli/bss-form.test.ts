import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { BSS_FORM_LABELS } from "../support/bss-form.js";
import { runCli } from "../support/run-cli.js";

const CANARY_KEY = "Zq8Q~canary-key-for-the-bss-form-test-only";

/** The shape `pulumi stack output --json --show-secrets` prints for this stack. */
const STACK_OUTPUT = {
  instances: {
    "contoso-primary": {
      apiUrl: "https://api.partnercenter.microsoft.com",
      tenantName: "contoso.onmicrosoft.com",
      appId: "0b9e1f42-7c3d-4e5a-9f61-2d8c7b6a5e43",
      key: CANARY_KEY,
      keyExpiresAt: "2026-08-18T09:30:00Z",
      accountId: "6a3b8c1e-0d2f-4b7a-9c5e-1f2a3b4c5d6e",
      cspStatus: "indirect",
      partnerOfRecord:
        "MPN ID of the indirect reseller that placed the order (the BSS sets it per subscription)",
      consentUrl:
        "https://login.microsoftonline.com/6a3b8c1e-0d2f-4b7a-9c5e-1f2a3b4c5d6e/oauth2/v2.0/authorize?client_id=0b9e1f42-7c3d-4e5a-9f61-2d8c7b6a5e43",
    },
    "fabrikam-china": {
      apiUrl: "https://partner.partnercenterapi.microsoftonline.cn",
      tenantName: "fabrikamcn.partner.onmschina.cn",
      appId: "4d3c2b1a-0f9e-4d8c-b7a6-5f4e3d2c1b0a",
      key: null,
      keyExpiresAt: null,
      accountId: "9b8a7c6d-5e4f-4a3b-8c2d-1e0f9a8b7c6d",
      cspStatus: "direct",
      partnerOfRecord: "",
      consentUrl: "https://login.chinacloudapi.cn/9b8a7c6d-5e4f-4a3b-8c2d-1e0f9a8b7c6d/oauth2/v2.0/authorize",
    },
  },
};

let folder: string;
beforeAll(async () => {
  folder = await mkdtemp(path.join(tmpdir(), "cspops-bss-form-"));
});
afterAll(async () => {
  await rm(folder, { recursive: true, force: true });
});

describe("cspops bss-form", () => {
  it("prints the form's fields in the order the BSS lists them, the Key masked", async () => {
    const run = await runCli(["bss-form", "contoso-primary"], { stdin: JSON.stringify(STACK_OUTPUT) });

    expect(run.code).toBe(0);
    const labels = run.stdout
      .split("\n")
      .filter((line) => line.startsWith("  "))
      .map((line) => line.trim().split(/\s{2,}/)[0]);
    expect(labels).toEqual(BSS_FORM_LABELS);
    expect(run.stdout).toMatch(
      /API URL\s+https:\/\/api\.partnercenter\.microsoft\.com\s+\(Microsoft Global\)/,
    );
    expect(run.stdout).toMatch(/Tenant name\s+contoso\.onmicrosoft\.com\n/);
    expect(run.stdout).toMatch(/App ID\s+0b9e1f42-7c3d-4e5a-9f61-2d8c7b6a5e43\n/);
    expect(run.stdout).toMatch(/Key\s+\*{8}\s+\(hidden: add --show-key to print it\)/);
    expect(run.stdout).toMatch(/Account ID\s+6a3b8c1e-0d2f-4b7a-9c5e-1f2a3b4c5d6e\n/);
    expect(run.stdout).toMatch(/CSP Status\s+Indirect\n/);
    expect(run.stdout).toContain("Partner of Record: MPN ID of the indirect reseller that placed the order");
    expect(run.stdout).toContain("The Key expires 2026-08-18T09:30:00Z");
    expect(run.stdout).toContain("client_id=0b9e1f42-7c3d-4e5a-9f61-2d8c7b6a5e43");
    expect(run.stdout + run.stderr).not.toContain("canary");
  });

  it("prints the Key itself with --show-key", async () => {
    const run = await runCli(["bss-form", "contoso-primary", "--show-key"], {
      stdin: JSON.stringify(STACK_OUTPUT),
    });

    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(new RegExp(`\\n  Key\\s+${CANARY_KEY.replace(/[~.]/g, "\\$&")}\\n`));
  });

  it("reads --file, relative to the working directory, and explains a direct CSP's empty POR and an adopted app", async () => {
    await writeFile(path.join(folder, "outputs.json"), JSON.stringify(STACK_OUTPUT.instances));

    const run = await runCli(["bss-form", "fabrikam-china", "--file", "outputs.json", "--show-key"], {
      cwd: folder,
    });

    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(
      /API URL\s+https:\/\/partner\.partnercenterapi\.microsoftonline\.cn\s+\(Microsoft China/,
    );
    expect(run.stdout).toMatch(/CSP Status\s+Direct\n/);
    expect(run.stdout).toContain(
      "Partner of Record: empty on every subscription (required for direct-CSP rebates).",
    );
    expect(run.stdout).toMatch(/Key\s+\(not managed by cspops: the app is adopted/);
  });

  it("names the known instances for an unknown one (exit 1, no stack trace)", async () => {
    const run = await runCli(["bss-form", "contoso-live"], { stdin: JSON.stringify(STACK_OUTPUT) });

    expect(run.code).toBe(1);
    expect(run.stdout).toBe("");
    expect(run.stderr).toBe(
      "cspops: the stack has no instance named 'contoso-live'\n  hint: the stack's instances are: contoso-primary, fabrikam-china\n",
    );
  });

  it("rejects malformed JSON without echoing it (exit 1)", async () => {
    const run = await runCli(["bss-form", "contoso-primary"], {
      stdin: `{"instances": {"key": "${CANARY_KEY}" oops`,
    });

    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/^cspops: stdin is not valid JSON \(line 1, column \d+\)\n {2}hint: /);
    expect(run.stderr).not.toContain("canary");
    expect(run.stderr).not.toMatch(/\n\s+at /);
  });

  it("asks for --show-secrets when the Key is requested from masked outputs", async () => {
    const masked = structuredClone(STACK_OUTPUT);
    masked.instances["contoso-primary"].key = "[secret]";

    const run = await runCli(["bss-form", "contoso-primary", "--show-key"], {
      stdin: JSON.stringify(masked),
    });

    expect(run.code).toBe(1);
    expect(run.stderr).toContain("--show-secrets");
  });

  it("reports an outputs file that does not hold the stack's instances", async () => {
    const run = await runCli(["bss-form", "contoso-primary"], {
      stdin: JSON.stringify({ instances: { "contoso-primary": { appId: 1 } } }),
    });

    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/^cspops: the stack output for 'contoso-primary' has no valid 'apiUrl'/);
  });

  it("reports a missing --file", async () => {
    const run = await runCli(["bss-form", "contoso-primary", "--file", "missing.json"], { cwd: folder });

    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/^cspops: cannot read missing\.json: no such file/);
  });

  it("needs an instance name (usage error, exit 2)", async () => {
    const run = await runCli(["bss-form"], { stdin: "{}" });

    expect(run.code).toBe(2);
  });
});
