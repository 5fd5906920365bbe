import { copyFile, mkdir, mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import Ajv2020 from "ajv/dist/2020.js";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { EXAMPLES_SNAPSHOT, ALL_STATUSES_FIXTURE as FIXTURE } from "../support/fixtures.js";
import { ROOT as root, runCli } from "../support/run-cli.js";

const FIXTURE_ARGS = ["--dir", `${FIXTURE}/instances`, "--observed", `${FIXTURE}/snapshot.json`];
const NOW = "2026-11-20T10:00:00Z";

/** `cspops reconcile` of the instances in `dir` against the snapshot file `observed`, as of NOW. */
const reconcileFrom = (dir: string, observed: string, ...args: string[]) =>
  runCli(["reconcile", "--dir", dir, "--observed", observed, "--now", NOW, ...args]);

/** `cspops reconcile` of the example instances against their snapshot, as of NOW. */
const reconcileExamples = (args: readonly string[], env: Record<string, string> = {}) =>
  runCli(["reconcile", "--observed", EXAMPLES_SNAPSHOT, "--now", NOW, ...args], { env });

const validateReport = new Ajv2020.default({ allErrors: true, strict: true }).compile(
  JSON.parse(await readFile(join(root, "schemas/reconcile-report.schema.json"), "utf8")) as object,
);

let scratch: string;
beforeAll(async () => {
  scratch = await mkdtemp(join(tmpdir(), "cspops-reconcile-"));
});
afterAll(async () => {
  await rm(scratch, { recursive: true, force: true });
});

describe("cspops reconcile --observed", () => {
  it("prints only JSON on stdout, in the documented shape, with every status", async () => {
    const run = await runCli(["reconcile", ...FIXTURE_ARGS, "--now", NOW, "--format", "json"]);

    expect(run.code).toBe(0);
    const report = JSON.parse(run.stdout) as { instances: { name: string; status: string; file: string }[] };
    expect(validateReport(report), JSON.stringify(validateReport.errors)).toBe(true);
    expect(report).toMatchObject({
      schemaVersion: 1,
      generatedAt: "2026-11-20T10:00:00.000Z",
      observedAt: "2026-11-20T09:55:00Z",
    });
    expect(new Set(report.instances.map((instance) => instance.status))).toEqual(
      new Set([
        "unknown",
        "not-provisioned",
        "drifted",
        "blocked",
        "needs-consent",
        "consent-expired",
        "consent-expiring",
        "ready",
      ]),
    );
    expect(report.instances.find((instance) => instance.name === "ready-primary")?.file).toBe(
      `${FIXTURE}/instances/ready-primary.yaml`,
    );
  });

  it("takes the clock from CSPOPS_NOW as from --now", async () => {
    const run = await runCli(["reconcile", ...FIXTURE_ARGS, "--format", "json"], {
      env: { CSPOPS_NOW: NOW },
    });

    expect(run.code).toBe(0);
    expect(JSON.parse(run.stdout).generatedAt).toBe("2026-11-20T10:00:00.000Z");
  });

  it("judges consent age against --now", async () => {
    const later = await runCli(["reconcile", ...FIXTURE_ARGS, "--now", "2027-06-01", "--format", "json"]);

    const report = JSON.parse(later.stdout) as {
      instances: { name: string; findings: { code: string }[] }[];
    };
    const ready = report.instances.find((instance) => instance.name === "ready-primary");
    expect(ready?.findings.map((finding) => finding.code)).toEqual(["drift.key-expiring", "consent.expired"]);
  });

  it("exits 4 when any instance has a --fail-on status, ready included", async () => {
    const failing = await runCli([
      "reconcile",
      ...FIXTURE_ARGS,
      "--now",
      NOW,
      "--fail-on",
      "blocked, needs-consent",
    ]);
    const onReady = await runCli(["reconcile", ...FIXTURE_ARGS, "--now", NOW, "--fail-on", "ready"]);

    expect(failing.code).toBe(4);
    expect(failing.stdout).toContain("blocked-primary");
    expect(onReady.code).toBe(4);
  });

  it("exits 0 with --fail-on when no instance has those statuses", async () => {
    const dir = join(scratch, "only-ready");
    await mkdir(dir, { recursive: true });
    await copyFile(join(root, FIXTURE, "instances/ready-primary.yaml"), join(dir, "ready-primary.yaml"));

    const run = await reconcileFrom(
      dir,
      `${FIXTURE}/snapshot.json`,
      "--fail-on",
      "needs-consent,blocked,drifted",
    );

    expect(run.code, run.stderr).toBe(0);
  });

  it.each([
    [["--fail-on", "needs-consnet"], "--fail-on: unknown status 'needs-consnet'"],
    [["--fail-on", ","], "--fail-on needs at least one status"],
    [["--now", "yesterday"], "--now 'yesterday' is not an ISO 8601 date"],
    [["--now", "2026-11-20T10:00:00"], "with a time zone"],
    [["--format", "yaml"], "yaml"],
    [["--pr", "abc"], "--pr 'abc' is not a pull request number"],
  ])("exits 2 on a usage error: %j", async (args, message) => {
    const run = await runCli(["reconcile", ...FIXTURE_ARGS, ...args]);

    expect(run.code).toBe(2);
    expect(run.stderr).toContain(message);
    expect(run.stdout).toBe("");
  });

  it("exits 2 on an invalid CSPOPS_NOW, naming it", async () => {
    const run = await runCli(["reconcile", ...FIXTURE_ARGS], { env: { CSPOPS_NOW: "soon" } });

    expect(run.code).toBe(2);
    expect(run.stderr).toContain("CSPOPS_NOW 'soon'");
  });

  it("stops with the validate diagnostics and exit 1 when an instance is invalid", async () => {
    const dir = join(scratch, "invalid");
    await mkdir(dir, { recursive: true });
    await writeFile(
      join(dir, "broken.yaml"),
      "apiVersion: cspops/v1\nkind: PartnerInstance\nmetadata:\n  name: broken\nspec:\n  environment: primary\n",
    );

    const run = await reconcileFrom(dir, `${FIXTURE}/snapshot.json`);

    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/broken\.yaml:\d+:\d+ error /);
    expect(run.stdout).toBe("");
  });

  it("names a snapshot file that does not exist, without a stack trace", async () => {
    const run = await reconcileFrom(`${FIXTURE}/instances`, "nowhere.json");

    expect(run.code).toBe(1);
    expect(run.stderr).toContain("cannot read the snapshot file nowhere.json: no such file");
    expect(run.stderr).not.toMatch(/\n\s+at /);
  });

  it("says what is wrong with a malformed snapshot, and never repeats a secret it carries", async () => {
    const canary = "abc8Q~canaryCANARYcanaryCANARYcanary12";
    const snapshot = JSON.parse(await readFile(join(root, FIXTURE, "snapshot.json"), "utf8"));
    const tenant = Object.values(
      snapshot.tenants as Record<string, { applications?: { passwordCredentials: object[] }[] }>,
    ).find((entry) => entry.applications?.length);
    const app = tenant?.applications?.[0];
    if (app === undefined) throw new Error("fixture without an app");
    app.passwordCredentials = [{ endDateTime: null, secretText: canary }];
    const file = join(scratch, "leaky.json");
    await writeFile(file, JSON.stringify(snapshot));
    const broken = join(scratch, "broken.json");
    await writeFile(broken, '{ "schemaVersion": 1,');

    const leaky = await reconcileFrom(`${FIXTURE}/instances`, file);
    const truncated = await reconcileFrom(`${FIXTURE}/instances`, broken);

    expect(leaky.code).toBe(1);
    expect(leaky.stderr).toContain("is not a valid observed snapshot");
    expect(leaky.stderr).toContain("secretText carries a secret value");
    expect(`${leaky.stdout}${leaky.stderr}`).not.toContain(canary);
    expect(truncated.code).toBe(1);
    expect(truncated.stderr).toContain(`${broken} is not a valid observed snapshot`);
    expect(truncated.stderr).toContain("not valid JSON");
  });

  it("prints a Markdown report an admin can act on for the example instances", async () => {
    const run = await reconcileExamples(["--format", "markdown"]);

    expect(run.code).toBe(0);
    expect(run.stdout.startsWith("<!-- cspops:reconcile -->\n")).toBe(true);
    expect(run.stdout).toContain("#### ⛔ fabrikam-china — blocked");
    expect(run.stdout).toContain("#### 🔑 contoso-sandbox — needs-consent");
    expect(run.stdout).toContain("**Who acts:** `sandbox-admin@contosotip.onmicrosoft.com` (admin agent)");
    expect(run.stdout).toMatch(
      /\[grant consent to contoso-sandbox\]\(https:\/\/login\.microsoftonline\.com\/3f1c2d4e-5a6b-4c7d-8e9f-0a1b2c3d4e5f\/oauth2\/v2\.0\/authorize\?client_id=[0-9a-f-]{36}&/,
    );
    expect(run.stdout).toContain("| contoso-primary | primary |");
  });

  it("prints a table without colour under NO_COLOR", async () => {
    const run = await reconcileExamples([]);

    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/^INSTANCE\s+ENV\s+CLOUD\s+STATUS\s+NEXT$/m);
    expect(run.stdout).not.toContain("\u001b[");
  });

  it("annotates files and writes the job summary with --format github", async () => {
    const summary = join(scratch, "summary.md");
    await writeFile(summary, "previous step\n");

    const run = await reconcileExamples(["--format", "github"], { GITHUB_STEP_SUMMARY: summary });

    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(
      /^::error file=instances\/contoso-sandbox\.yaml,title=contoso-sandbox%3A needs-consent/m,
    );
    const written = await readFile(summary, "utf8");
    expect(written.startsWith("previous step\n### cspops: 2 of 3 partner instances need action")).toBe(true);
  });

  it("points consent links at CSPOPS_AUTHORITY_HOST (the emulator)", async () => {
    const run = await reconcileExamples(["--format", "json"], {
      CSPOPS_AUTHORITY_HOST: "https://127.0.0.1:8443",
    });

    const sandbox = JSON.parse(run.stdout).instances.find(
      (instance: { name: string }) => instance.name === "contoso-sandbox",
    );
    expect(
      sandbox.consentUrl.startsWith("https://127.0.0.1:8443/3f1c2d4e-5a6b-4c7d-8e9f-0a1b2c3d4e5f/oauth2/"),
    ).toBe(true);
  });
});
