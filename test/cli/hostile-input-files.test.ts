import { execFileSync } from "node:child_process";
import { copyFile, mkdir, mkdtemp, rm, symlink } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { EXAMPLES_SNAPSHOT } from "../support/fixtures.js";
import { ROOT, runCli } from "../support/run-cli.js";

// Issue 11, "Input that hangs or floods": each of these hung or read gigabytes. A hang now fails
// the test through the timeout (the run is killed, and its exit code is not 1).
const TIMEOUT_MS = 20_000;
const NOW = "2026-11-20T10:00:00Z";

let scratch: string;
let fifo: string;
beforeAll(async () => {
  scratch = await mkdtemp(join(tmpdir(), "cspops-hostile-files-"));
  fifo = join(scratch, "fifo");
  execFileSync("mkfifo", [fifo]);
  for (const [folder, target] of [
    ["zero", "/dev/zero"],
    ["pipe", fifo],
  ] as const) {
    await mkdir(join(scratch, folder));
    await copyFile(
      join(ROOT, "instances/contoso-primary.yaml"),
      join(scratch, folder, "contoso-primary.yaml"),
    );
    await symlink(target, join(scratch, folder, "x.yaml"));
  }
});
afterAll(async () => {
  await rm(scratch, { recursive: true, force: true });
});

describe("files that are not regular files", () => {
  it.each([
    ["zero", "a device"],
    ["pipe", "a FIFO (named pipe)"],
  ])("validate refuses instances/x.yaml → %s at once, naming the file", async (folder, kind) => {
    const run = await runCli(["validate", "--dir", folder], { cwd: scratch, timeoutMs: TIMEOUT_MS });

    expect(run.code).toBe(1);
    expect(run.stderr).toContain(`cannot read ${folder}/x.yaml: it is ${kind}, not a regular file`);
    expect(run.stderr).not.toMatch(/\n\s+at /);
  });

  it("reconcile --observed FIFO ends with a message instead of waiting for a writer", async () => {
    const run = await runCli(["reconcile", "--observed", fifo, "--now", NOW], { timeoutMs: TIMEOUT_MS });

    expect(run.code).toBe(1);
    expect(run.stderr).toContain(`cannot read the snapshot file ${fifo}: it is a FIFO (named pipe)`);
  });

  it("GITHUB_EVENT_PATH=/dev/urandom ends with a message instead of reading forever", async () => {
    const run = await runCli(
      ["reconcile", "--observed", EXAMPLES_SNAPSHOT, "--now", NOW, "--comment", "--format", "json"],
      {
        timeoutMs: TIMEOUT_MS,
        env: { GITHUB_EVENT_PATH: "/dev/urandom", GITHUB_TOKEN: "t", GITHUB_REPOSITORY: "o/r" },
      },
    );

    expect(run.code).toBe(1);
    expect(run.stderr).toContain("cannot read GITHUB_EVENT_PATH (/dev/urandom): it is a device");
  });

  it("bss-form --file FIFO ends with a message", async () => {
    const run = await runCli(["bss-form", "x", "--file", fifo], { timeoutMs: TIMEOUT_MS });

    expect(run.code).toBe(1);
    expect(run.stderr).toContain(`cannot read ${fifo}: it is a FIFO (named pipe), not a regular file`);
  });
});
