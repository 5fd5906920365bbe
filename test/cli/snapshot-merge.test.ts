import { mkdtemp, readdir, readFile, rm, stat, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { shardOfTenant } from "../../src/core/shard/shard.js";
import type { ObservedSnapshot } from "../../src/core/snapshot/snapshot.js";
import { buildFleet } from "../../src/emulator/seeds/fleet.js";
import { importGraph, CLOUD_SDK as SDK } from "../support/import-graph.js";
import { ROOT, runCli } from "../support/run-cli.js";

const TRACE_HOOK = join(ROOT, "test/cli/support/trace-validate-loads.mjs");
const INSTANCE_SET = `sha256:${"5c".repeat(32)}`;
const whole = buildFleet(10, new Date("2026-11-20T10:00:00Z")).seed;
let scratch: string;

/** Writes the snapshot of every shard of `whole` split in `count`, observed a minute apart. */
async function writeShards(count: number, folder: string = scratch): Promise<string[]> {
  const files: string[] = [];
  for (let index = 1; index <= count; index += 1) {
    const snapshot: ObservedSnapshot = {
      schemaVersion: 1,
      observedAt: `2026-11-20T10:0${index}:00.000Z`,
      shard: { index, count, instanceSet: INSTANCE_SET },
      tenants: Object.fromEntries(
        Object.entries(whole.tenants).filter(([tenantId]) => shardOfTenant(tenantId, count) === index),
      ),
    };
    const file = join(folder, `shard-${index}-of-${count}.json`);
    await writeFile(file, JSON.stringify(snapshot));
    files.push(file);
  }
  return files;
}

beforeAll(async () => {
  scratch = await mkdtemp(join(tmpdir(), "cspops-merge-"));
});

afterAll(async () => {
  await rm(scratch, { recursive: true, force: true });
});

describe("cspops snapshot merge", () => {
  it("writes the unsharded snapshot, owner-only, atomically, with the earliest observedAt", async () => {
    const shards = await writeShards(3);
    const out = join(scratch, "all.json");

    const run = await runCli(["snapshot", "merge", ...shards.reverse(), "--out", out], { cleanEnv: true });

    expect(run.code, run.stderr).toBe(0);
    expect(JSON.parse(await readFile(out, "utf8"))).toEqual({
      schemaVersion: 1,
      observedAt: "2026-11-20T10:01:00.000Z",
      tenants: whole.tenants,
    });
    expect(run.stderr).toContain(`merged 3 shard(s), ${Object.keys(whole.tenants).length} tenant(s)`);
    expect((await stat(out)).mode & 0o777).toBe(0o600);
    expect((await readdir(scratch)).filter((name) => name.endsWith(".tmp"))).toEqual([]);
  });

  it("writes to stdout with --out - and creates no file named -", async () => {
    const run = await runCli(["snapshot", "merge", ...(await writeShards(2)), "--out", "-"]);

    expect(run.code, run.stderr).toBe(0);
    expect(JSON.parse(run.stdout).tenants).toEqual(whole.tenants);
    expect(run.stderr).toContain("into stdout");
    await expect(stat(join(ROOT, "-"))).rejects.toThrow();
  });

  it("refuses a missing shard with exit 1, one message and a hint, and leaves the target whole", async () => {
    const shards = await writeShards(4);
    const out = join(scratch, "kept.json");
    await writeFile(out, "previous snapshot\n");

    const run = await runCli(["snapshot", "merge", ...shards.slice(0, 3), "--out", out]);

    expect(run.code).toBe(1);
    expect(run.stderr).toBe(
      "cspops: cannot merge the snapshots: shard 4/4 is missing: a merge needs all 4 shards\n" +
        "  hint: pass the snapshot of every shard 1/4 … 4/4; a shard whose job failed must be observed again\n",
    );
    expect(await readFile(out, "utf8")).toBe("previous snapshot\n");
  });

  it("refuses shards of different splits, naming both files", async () => {
    const [ofTwo] = await writeShards(2);
    const [, ofThree, third] = await writeShards(3);

    const run = await runCli([
      "snapshot",
      "merge",
      ofTwo as string,
      ofThree as string,
      third as string,
      "--out",
      "-",
    ]);

    expect(run.code).toBe(1);
    expect(run.stderr).toContain(`${ofThree} is shard 2/3 but ${ofTwo} is shard 1/2`);
    expect(run.stdout).toBe("");
  });

  it("refuses a file that is not a snapshot, naming it, without echoing its content", async () => {
    const [first] = await writeShards(2);
    const broken = join(scratch, "broken.json");
    await writeFile(broken, '{"schemaVersion": 1, "secret": "cnry8Q~CANARYcanaryCANARYcanaryCANARY0123"}');

    const run = await runCli(["snapshot", "merge", first as string, broken, "--out", "-"]);

    expect(run.code).toBe(1);
    expect(run.stderr).toContain(`${broken} is not a valid observed snapshot`);
    expect(run.stderr).not.toContain("CANARY");
  });

  it("refuses an unwritable target before reading the inputs", async () => {
    const run = await runCli(["snapshot", "merge", "missing.json", "--out", join(scratch, "no", "all.json")]);

    expect(run.code).toBe(1);
    expect(run.stderr).toContain("does not exist");
    expect(run.stderr).not.toContain("missing.json");
  });

  it("is a usage error (exit 2) without files or without --out", async () => {
    const noFiles = await runCli(["snapshot", "merge", "--out", "-"]);
    const noOut = await runCli(["snapshot", "merge", "a.json"]);

    expect(noFiles.code).toBe(2);
    expect(noFiles.stderr).toContain("missing required argument 'files'");
    expect(noOut.code).toBe(2);
    expect(noOut.stderr).toContain("--out");
  });

  it("loads no Graph, Azure, Pulumi or Octokit code, statically or lazily", async () => {
    const trace = join(scratch, "merge-loads.txt");
    await writeFile(trace, "");

    const run = await runCli(["snapshot", "merge", ...(await writeShards(2)), "--out", "-"], {
      nodeArgs: ["--import", TRACE_HOOK],
      env: { CSPOPS_VALIDATE_TRACE: trace },
    });

    expect(run.code, run.stderr).toBe(0);
    const loaded = (await readFile(trace, "utf8")).split("\n").filter(Boolean);
    expect(loaded.some((url) => url.includes("/node_modules/commander/"))).toBe(true);
    expect(
      loaded.filter((url) => /\/node_modules\/@(pulumi|pulumiverse|azure|octokit|microsoft)\//.test(url)),
    ).toEqual([]);
    const everything = importGraph("cli/commands/snapshot-merge.ts", { dynamic: true }).packages;
    expect([...everything].filter((name) => SDK.test(name))).toEqual([]);
  });
});

describe("cspops observe --shard", () => {
  it.each([
    ["2", "--shard '2' is not I/N"],
    ["0/3", "--shard '0/3' names shard 0 of 3"],
    ["4/3", "--shard '4/3' names shard 4 of 3"],
    ["x/y", "--shard 'x/y' is not I/N"],
  ])("refuses %j with exit 2 before any work (no credential needed)", async (value, message) => {
    const run = await runCli(["observe", "--shard", value, "--out", join(scratch, "never.json")], {
      cleanEnv: true,
    });

    expect(run.code).toBe(2);
    expect(run.stderr).toContain(`cspops: ${message}`);
    expect(run.stderr).toContain("hint:");
    await expect(stat(join(scratch, "never.json"))).rejects.toThrow();
  });
});
