import { mkdir } from "node:fs/promises";
import { join } from "node:path";
import { type Browser, chromium, type Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildExampleSeed } from "../../src/emulator/seeds/example-instances.js";
import { type RunningEmulator, startEmulator } from "../../src/emulator/start-emulator.js";
import { findChromium } from "./support/chromium-executable.js";
import { ROOT, runCli } from "./support/run-cli.js";

const SANDBOX_CALLBACK = "https://bss-staging.contoso.example/ms/consent/callback";
const ADMIN_AGENT = "sandbox-admin@contosotip.onmicrosoft.com";
const NOT_AN_ADMIN_AGENT = "tester@contosotip.onmicrosoft.com";
/** Screenshots of every page of the journey, for a person to look at (`.tmp/` is not committed). */
const SCREENSHOTS = join(ROOT, ".tmp", "consent-journey");

interface ReportInstance {
  readonly name: string;
  readonly status: string;
  readonly consentUrl: string | null;
}

let emulator: RunningEmulator;
let browser: Browser;
let consentUrl: string;

async function reconcile(): Promise<ReportInstance[]> {
  const run = await runCli(["reconcile", "--format", "json"], emulator.environment);
  expect(run.code, run.stderr).toBe(0);
  return (JSON.parse(run.stdout) as { instances: ReportInstance[] }).instances;
}

async function statusOf(name: string): Promise<string | undefined> {
  return (await reconcile()).find((instance) => instance.name === name)?.status;
}

function shoot(page: Page, name: string): Promise<Buffer> {
  return page.screenshot({ path: join(SCREENSHOTS, `${name}.png`), fullPage: true });
}

/** Account → password → MFA, as a person does it; stops on the page after the MFA step. */
async function signIn(page: Page, upn: string, screenshots: boolean): Promise<void> {
  await page.goto(consentUrl);
  await page.fill("#login", upn);
  if (screenshots) await shoot(page, "01-account");
  await page.click("#next");
  await page.fill("#password", "any password");
  if (screenshots) await shoot(page, "02-password");
  await page.click("#sign-in");
  const code = (await page.textContent("#mfa-code")) ?? "";
  await page.fill("#otc", code);
  if (screenshots) await shoot(page, "03-mfa");
  await page.click("#verify");
}

beforeAll(async () => {
  const executable = await findChromium();
  await mkdir(SCREENSHOTS, { recursive: true });
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
  const sandbox = (await reconcile()).find((instance) => instance.name === "contoso-sandbox");
  expect(sandbox).toMatchObject({
    status: "needs-consent",
    consentUrl: expect.stringContaining(emulator.authorityHost),
  });
  consentUrl = sandbox!.consentUrl!;
}, 90_000);

afterAll(async () => {
  await browser?.close();
  await emulator?.close();
});

describe("consent in a real browser", () => {
  it("tells a user who is not an admin agent, in words, why they cannot consent", async () => {
    const page = await browser.newPage();

    await signIn(page, NOT_AN_ADMIN_AGENT, false);
    await shoot(page, "07-refused-not-admin-agent");

    expect(await page.textContent("#heading")).toBe("This account can't give this consent");
    expect(await page.textContent("#reason")).toContain(
      `${NOT_AN_ADMIN_AGENT} is not a member of the AdminAgents group and is not a Global Administrator`,
    );
    expect(await page.textContent("#error")).toContain("AADSTS50105");
    expect(await page.isVisible("#retry")).toBe(true);
  });

  it("Cancel ends on a page that says consent was refused and where the browser was sent", async () => {
    const page = await browser.newPage();

    await signIn(page, ADMIN_AGENT, false);
    await page.click("#cancel");
    await page.waitForSelector("#outcome");
    await shoot(page, "06-consent-refused");

    expect(await page.textContent("#outcome")).toBe("Consent refused");
    expect(await page.textContent("#redirect-uri")).toBe(SANDBOX_CALLBACK);
    expect(await page.textContent("#param-error")).toBe("access_denied");
    expect(await page.textContent("#param-error_description")).toMatch(/^AADSTS65004: User declined/);
    expect(await page.isVisible("#param-code")).toBe(false);
    expect(await statusOf("contoso-sandbox")).toBe("needs-consent");
  });

  it("walks account, password, MFA and permissions; Accept ends on 'consent given' and the instance turns ready", async () => {
    const page = await browser.newPage();

    await page.goto(consentUrl);
    const prefilled = await page.inputValue("#login");
    await signIn(page, ADMIN_AGENT, true);
    const permissions = await page.textContent("#permissions");
    const appName = await page.textContent("#app-name");
    await shoot(page, "04-permissions");
    await page.click("#accept");
    await page.waitForSelector("#outcome");
    await shoot(page, "05-consent-given");
    const continueTo = new URL((await page.getAttribute("#continue", "href")) ?? "");
    const after = await reconcile();

    expect(prefilled).toBe(new URL(consentUrl).searchParams.get("login_hint") ?? "");
    expect(appName).toBe("Contoso BSS - Partner Center (sandbox)");
    expect(permissions).toContain("Access Partner Center as you");
    expect(permissions).toContain("Microsoft Partner Center · user_impersonation");
    expect(await page.textContent("#outcome")).toBe("Consent given");
    expect(await page.textContent("#next-steps")).toContain("refresh token");
    expect(`${continueTo.origin}${continueTo.pathname}`).toBe(SANDBOX_CALLBACK);
    expect(continueTo.searchParams.get("state")).toBe("contoso-sandbox");
    expect(continueTo.searchParams.get("code")).toMatch(/^[\w-]{20,}$/);
    expect(await page.textContent("#param-code")).toBe(continueTo.searchParams.get("code"));
    expect(after.find((instance) => instance.name === "contoso-sandbox")).toMatchObject({
      status: "ready",
      consentUrl: null,
    });
    expect(after.find((instance) => instance.name === "contoso-primary")?.status).toBe("ready");
  });
});
