import { mkdir, mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ROOT, runCli } from "../support/run-cli.js";

const tracer = join(ROOT, "test/emulator/github/trace-package-loads.mjs");
let home: string;
let homeWithAzureCli: string;

beforeAll(async () => {
  home = await mkdtemp(join(tmpdir(), "cspops-home-"));
  homeWithAzureCli = await mkdtemp(join(tmpdir(), "cspops-home-az-"));
  // An Azure CLI folder without a sign-in: the credential chain runs and fails.
  await mkdir(join(homeWithAzureCli, ".azure"));
});

afterAll(async () => {
  await rm(home, { recursive: true, force: true });
  await rm(homeWithAzureCli, { recursive: true, force: true });
});

/** PATH and an empty HOME alone: no Azure variable, no Azure CLI sign-in. */
function offline(args: readonly string[], env: Record<string, string> = {}) {
  return runCli(args, { cleanEnv: true, env: { HOME: home, ...env }, timeoutMs: 30_000 });
}

describe("a live command on a machine without any Azure credential", () => {
  it.each([
    { args: ["reconcile"], offline: "add --observed examples/snapshot.json" },
    { args: ["drift"], offline: "add --observed examples/snapshot.json" },
    { args: ["consent-link", "contoso-sandbox"], offline: "add --observed examples/snapshot.json" },
    {
      args: ["observe", "--out", "never-written.json"],
      offline: "`cspops reconcile --observed examples/snapshot.json`",
    },
  ])("$args.0: exit 3 with one short message that says what to do", async ({ args, offline: hint }) => {
    const run = await offline(args);

    expect(run.code, run.stderr).toBe(3);
    expect(run.stdout).toBe("");
    const message = run.stderr.slice(run.stderr.indexOf("cspops: "));
    expect(message.startsWith("cspops: no Azure credential is configured")).toBe(true);
    for (const fix of [
      hint,
      "`npm start`",
      "AZURE_CLIENT_ID",
      "AZURE_TENANT_ID",
      "AZURE_FEDERATED_TOKEN_FILE",
      "`az login`",
      "CSPOPS_AUTHORITY_HOST",
      "CSPOPS_GRAPH_URL",
      "--verbose",
    ]) {
      expect(message).toContain(fix);
    }
    expect(message).not.toMatch(/ChainedTokenCredential|IMDS|detail:/);
    expect(message.split("\n").length).toBeLessThanOrEqual(8);
  });

  it("decides without loading @azure/identity or the Graph client, so without the credential chain's probe", async () => {
    const trace = join(home, "trace.txt");

    const run = await offline(["reconcile"], {
      NODE_OPTIONS: `--import ${tracer}`,
      CSPOPS_TRACE_FILE: trace,
    });

    expect(run.code).toBe(3);
    const loaded = await readFile(trace, "utf8").catch(() => "");
    expect(loaded).not.toMatch(/@azure\/identity|microsoft-graph-client/);
  });

  it("shows what it looked for with --verbose, before or after the command", async () => {
    const before = await offline(["--verbose", "reconcile"]);
    const after = await offline(["reconcile", "--verbose"]);

    for (const run of [before, after]) {
      expect(run.code).toBe(3);
      expect(run.stderr).toContain("  detail: looked for AZURE_CLIENT_ID");
      expect(run.stderr).not.toContain("--verbose shows");
    }
  });

  it("the offline way it names works", async () => {
    const run = await offline(["consent-link", "contoso-sandbox", "--observed", "examples/snapshot.json"]);

    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).toMatch(/^https:\/\/login\.microsoftonline\.com\/3f1c2d4e-/);
  });
});

describe("a live command whose credential chain finds nothing to sign in with", () => {
  it("keeps the chain's account for --verbose and says the same short thing", async () => {
    const env = { HOME: homeWithAzureCli };
    const plain = await runCli(["reconcile"], { cleanEnv: true, env, timeoutMs: 60_000 });
    const verbose = await runCli(["reconcile", "--verbose"], { cleanEnv: true, env, timeoutMs: 60_000 });

    expect(plain.code, plain.stderr).toBe(3);
    expect(plain.stderr).toContain("cspops: no Azure credential could get a token");
    expect(plain.stderr).toContain("add --observed examples/snapshot.json");
    expect(plain.stderr).not.toContain("ChainedTokenCredential");
    expect(verbose.stderr).toMatch(
      / {2}detail: no partner tenant could be observed: .*ChainedTokenCredential/,
    );
  }, 90_000);
});
