import { mkdir, mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { EXAMPLES_SNAPSHOT } from "../support/fixtures.js";
import { ROOT, runCli } from "../support/run-cli.js";

const NOW = "2026-11-20T10:00:00Z";
const SNAPSHOT = join(ROOT, EXAMPLES_SNAPSHOT);
const HINT =
  "  hint: point --dir at the folder of instance files (instances/ by default), or pass --allow-empty when an empty folder is expected\n";

let scratch: string;
let empty: string;
beforeAll(async () => {
  scratch = await mkdtemp(join(tmpdir(), "cspops-empty-"));
  empty = join(scratch, "instances");
  await mkdir(empty);
});
afterAll(async () => {
  await rm(scratch, { recursive: true, force: true });
});

/** Commands that act on the instances, each runnable offline on an empty folder. */
const commands = [
  ["reconcile", "--observed", SNAPSHOT, "--now", NOW],
  ["drift", "--observed", SNAPSHOT, "--now", NOW],
  ["observe", "--out", "snapshot.json"],
];

describe("a folder without instance files (a gate pointed at the wrong folder)", () => {
  it.each(commands)("stops %s with exit 1 and says so, before any other work", async (...args) => {
    const run = await runCli([...args, "--dir", "instances"], { cwd: scratch, cleanEnv: true });

    expect(run.code).toBe(1);
    expect(run.stdout).toBe("");
    expect(run.stderr).toBe(
      `cspops: no instance files in 'instances': it holds no *.yaml or *.yml file\n${HINT}`,
    );
  });

  it("stops consent-link, which has no instance to link to", async () => {
    const run = await runCli(["consent-link", "x", "--dir", empty], { cleanEnv: true });

    expect(run.code).toBe(1);
    expect(run.stderr).toContain("no instance files in");
  });

  it.each(commands.slice(0, 2))("lets %s run with --allow-empty", async (...args) => {
    const run = await runCli([...args, "--dir", "instances", "--allow-empty"], {
      cwd: scratch,
      cleanEnv: true,
    });

    expect(run.code).toBe(0);
    expect(run.stderr).toBe("");
  });
});
