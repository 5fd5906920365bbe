import { type Browser, chromium } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildExampleSeed } from "../../src/emulator/seeds/example-instances.js";
import { type RunningEmulator, startEmulator } from "../../src/emulator/start-emulator.js";
import { findChromium } from "./support/chromium-executable.js";
import { runCli } from "./support/run-cli.js";

const SANDBOX_CALLBACK = "https://bss-staging.contoso.example/ms/consent/callback";

interface ReportInstance {
  readonly name: string;
  readonly status: string;
  readonly consentUrl: string | null;
}

let emulator: RunningEmulator;
let browser: Browser;

async function reconcile(): Promise<ReportInstance[]> {
  const run = await runCli(["reconcile", "--format", "json"], emulator.environment);
  expect(run.code, run.stderr).toBe(0);
  return (JSON.parse(run.stdout) as { instances: ReportInstance[] }).instances;
}

beforeAll(async () => {
  const executable = await findChromium();
  emulator = await startEmulator({ seed: buildExampleSeed(new Date()) });
  browser = await chromium.launch({
    executablePath: executable.path,
    args: [
      "--headless",
      "--no-sandbox",
      "--disable-gpu",
      "--disable-quic",
      "--no-first-run",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
      // Trusts exactly the emulator's certificate (its public key), nothing else.
      `--ignore-certificate-errors-spki-list=${emulator.spkiSha256}`,
    ],
  });
}, 60_000);

afterAll(async () => {
  await browser?.close();
  await emulator?.close();
});

describe("consent in a real browser", () => {
  it("opens the report's link, refuses a non-admin, approves as the admin agent, and the instance turns ready", async () => {
    const before = await reconcile();
    const sandbox = before.find((instance) => instance.name === "contoso-sandbox");
    expect(sandbox).toMatchObject({
      status: "needs-consent",
      consentUrl: expect.stringContaining(emulator.authorityHost),
    });
    const page = await browser.newPage();

    await page.goto(sandbox!.consentUrl!);
    await page.selectOption("#account", "tester@contosotip.onmicrosoft.com");
    await page.click("#accept");
    const refusal = await page.textContent("#error");
    await page.click("#retry");
    await page.selectOption("#account", "sandbox-admin@contosotip.onmicrosoft.com");
    // The browser follows Entra's 302 to the BSS's redirect URI; that host does not exist here, so
    // the request it makes there is the proof (its URL carries the code and state).
    const [callback] = await Promise.all([
      page.waitForRequest((request) => request.url().startsWith(SANDBOX_CALLBACK)),
      page.click("#accept"),
    ]);
    const after = await reconcile();

    expect(refusal).toContain("AADSTS50105");
    expect(callback.redirectedFrom()?.url()).toBe(
      `${emulator.authorityHost}/3f1c2d4e-5a6b-4c7d-8e9f-0a1b2c3d4e5f/oauth2/v2.0/authorize`,
    );
    const received = new URL(callback.url());
    expect(received.searchParams.get("state")).toBe("contoso-sandbox");
    expect(received.searchParams.get("code")).toMatch(/^[\w-]{20,}$/);
    expect(after.find((instance) => instance.name === "contoso-sandbox")).toMatchObject({
      status: "ready",
      consentUrl: null,
    });
    expect(after.find((instance) => instance.name === "contoso-primary")?.status).toBe("ready");
  });
});
