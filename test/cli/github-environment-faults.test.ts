import { mkdtempSync, rmSync } from "node:fs";
import type { AddressInfo } from "node:net";
import { createServer, type Server, type Socket } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { EXAMPLES_SNAPSHOT } from "../support/fixtures.js";
import { runCli } from "../support/run-cli.js";

const NOW = "2026-11-20T10:00:00Z";
let silent: Server;
let silentUrl: string;
const sockets = new Set<Socket>();
let scratch: string;

beforeAll(async () => {
  silent = createServer((socket) => {
    sockets.add(socket);
  });
  await new Promise<void>((resolve) => silent.listen(0, "127.0.0.1", resolve));
  silentUrl = `http://127.0.0.1:${(silent.address() as AddressInfo).port}`;
  scratch = mkdtempSync(join(tmpdir(), "cspops-github-env-"));
});

afterAll(async () => {
  for (const socket of sockets) socket.destroy();
  await new Promise<void>((resolve) => silent.close(() => resolve()));
  rmSync(scratch, { recursive: true, force: true });
});

const githubEnv = (extra: Record<string, string> = {}) => ({
  GITHUB_TOKEN: "emulator-token",
  GITHUB_REPOSITORY: "octo-org/partner-config",
  GITHUB_API_URL: silentUrl,
  ...extra,
});

describe("a GitHub that accepts and never answers", () => {
  it("reconcile --comment exits 3 with one message, soon after the timeout", async () => {
    const started = Date.now();

    const run = await runCli(
      [
        "reconcile",
        "--observed",
        EXAMPLES_SNAPSHOT,
        "--now",
        NOW,
        "--comment",
        "--pr",
        "1",
        "--format",
        "json",
      ],
      { env: githubEnv({ CSPOPS_GITHUB_TIMEOUT_SECONDS: "0.5" }), timeoutMs: 60_000 },
    );

    expect(run.code).toBe(3);
    expect(Date.now() - started).toBeLessThan(20_000);
    expect(run.stderr).toContain(`GitHub at ${silentUrl} did not answer within 0.5 s`);
    expect(run.stderr).toContain("CSPOPS_GITHUB_TIMEOUT_SECONDS");
    expect(run.stderr).not.toMatch(/\n\s+at /);
  });

  it("drift --issue too", async () => {
    const run = await runCli(["drift", "--observed", EXAMPLES_SNAPSHOT, "--now", NOW, "--issue"], {
      env: githubEnv({ CSPOPS_GITHUB_TIMEOUT_SECONDS: "0.5" }),
      timeoutMs: 60_000,
    });

    expect(run.code).toBe(3);
    expect(run.stderr).toContain("when cspops tried to list the repository's issues");
  });

  it.each(["0", "soon", "301"])(
    "CSPOPS_GITHUB_TIMEOUT_SECONDS=%s is a usage error (exit 2)",
    async (value) => {
      const run = await runCli(
        ["reconcile", "--observed", EXAMPLES_SNAPSHOT, "--now", NOW, "--comment", "--pr", "1"],
        { env: githubEnv({ CSPOPS_GITHUB_TIMEOUT_SECONDS: value }) },
      );

      expect(run.code).toBe(2);
      expect(run.stderr).toContain("CSPOPS_GITHUB_TIMEOUT_SECONDS must be a number of seconds");
    },
  );
});

describe("an unusable GITHUB_STEP_SUMMARY", () => {
  it.each([
    ["a directory", () => scratch, "is a directory"],
    ["a missing folder", () => join(scratch, "missing", "summary.md"), "is in a folder that does not exist"],
  ])("%s: a clear message and exit 2, no stack trace", async (_case, target, reason) => {
    const validate = await runCli(["validate", "--format", "github"], {
      env: { GITHUB_STEP_SUMMARY: target() },
    });
    const reconcile = await runCli(
      ["reconcile", "--observed", EXAMPLES_SNAPSHOT, "--now", NOW, "--format", "github"],
      { env: { GITHUB_STEP_SUMMARY: target() } },
    );

    for (const run of [validate, reconcile]) {
      expect(run.code).toBe(2);
      expect(run.stderr).toContain(
        `cannot write the job summary: GITHUB_STEP_SUMMARY (${JSON.stringify(target())}) ${reason}`,
      );
      expect(run.stderr).not.toMatch(/\n\s+at /);
    }
  });
});
