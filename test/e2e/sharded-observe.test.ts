import { cp, mkdir, mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { dump } from "js-yaml";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { shardOfTenant } from "../../src/core/shard/shard.js";
import type { ObservedSnapshot } from "../../src/core/snapshot/snapshot.js";
import { buildExampleSeed } from "../../src/emulator/seeds/example-instances.js";
import { buildFleet } from "../../src/emulator/seeds/fleet.js";
import { type RunningEmulator, startEmulator } from "../../src/emulator/start-emulator.js";
import { ROOT, runCli } from "./support/run-cli.js";

const NOW = "2026-11-20T10:00:00Z";
const SHARDS = 3;
/** The fleet's tenants each hold a primary and the sandbox of another partner: two instances per tenant. */
const FLEET_SIZE = 24;

let scratch: string;
let instancesDir: string;
let emulator: RunningEmulator;
let forbiddenTenant: string;

/**
 * The example instances (global and China clouds) and a fleet of 24 in 12 tenants, one tenant
 * denying Graph (403): every kind of tenant observation lands in some shard.
 */
beforeAll(async () => {
  scratch = await mkdtemp(join(tmpdir(), "cspops-shards-"));
  instancesDir = join(scratch, "instances");
  await cp(join(ROOT, "instances"), instancesDir, { recursive: true });
  const fleet = buildFleet(FLEET_SIZE, new Date(NOW), { instancesPerTenant: 2 });
  for (const [at, { file, instance }] of fleet.instances.entries()) {
    const sandbox = { environment: "sandbox", sandboxOf: `partner-${(at + 1) % FLEET_SIZE}` };
    const document = at % 2 === 0 ? instance : { ...instance, spec: { ...instance.spec, ...sandbox } };
    await writeFile(join(instancesDir, file.replace(/^instances\//, "")), dump(document));
  }
  const examples = buildExampleSeed(new Date(NOW));
  forbiddenTenant = Object.keys(fleet.seed.tenants)[3] as string;
  emulator = await startEmulator({
    seed: { ...examples, tenants: { ...examples.tenants, ...fleet.seed.tenants } },
    tenants: { [forbiddenTenant]: { forbidden: true } },
  });
}, 60_000);

afterAll(async () => {
  await emulator?.close();
  await rm(scratch, { recursive: true, force: true });
});

async function observe(out: string, ...args: string[]): Promise<ObservedSnapshot> {
  const run = await runCli(["observe", "--dir", instancesDir, "--out", out, ...args], emulator.environment);
  expect(run.code, run.stderr).toBe(0);
  return JSON.parse(await readFile(out, "utf8"));
}

async function reconcile(observed: string, format: "json" | "markdown"): Promise<string> {
  const run = await runCli(
    ["reconcile", "--dir", instancesDir, "--observed", observed, "--now", NOW, "--format", format],
    emulator.environment,
  );
  expect(run.code, run.stderr).toBe(0);
  return run.stdout;
}

describe("observing in shards and merging them", () => {
  it("gives the same reconcile report (JSON and Markdown) as one unsharded observation", async () => {
    const wholeFile = join(scratch, "whole.json");
    const whole = await observe(wholeFile);
    const shardFiles = Array.from({ length: SHARDS }, (_, at) => join(scratch, `shard-${at + 1}.json`));
    const shards: ObservedSnapshot[] = [];
    for (const [at, file] of shardFiles.entries())
      shards.push(await observe(file, "--shard", `${at + 1}/${SHARDS}`));
    const mergedFile = join(scratch, "merged.json");

    const merge = await runCli(["snapshot", "merge", ...shardFiles, "--out", mergedFile], {});

    expect(merge.code, merge.stderr).toBe(0);
    const merged: ObservedSnapshot = JSON.parse(await readFile(mergedFile, "utf8"));
    // Each shard observed its own tenants only, and said so.
    for (const [at, shard] of shards.entries()) {
      expect(shard.shard).toMatchObject({
        index: at + 1,
        count: SHARDS,
        instanceSet: shards[0]?.shard?.instanceSet,
      });
      expect(Object.keys(shard.tenants).length).toBeGreaterThan(0);
      for (const tenantId of Object.keys(shard.tenants)) expect(shardOfTenant(tenantId, SHARDS)).toBe(at + 1);
    }
    // What differs from one observation to the next is not the split: when it finished, and the
    // request id of the 403. The unsharded snapshot is given the merged one's, so the tenants, and
    // then the reports, must be equal to the byte.
    const denied = merged.tenants[forbiddenTenant]?.error;
    const deniedWhole = whole.tenants[forbiddenTenant]?.error;
    if (denied === undefined || deniedWhole === undefined) throw new Error("the forbidden tenant was read");
    expect([denied.status, deniedWhole.status]).toEqual([403, 403]);
    const sameRun: ObservedSnapshot = {
      ...whole,
      observedAt: merged.observedAt,
      tenants: { ...whole.tenants, [forbiddenTenant]: { error: { ...deniedWhole, ...denied } } },
    };
    expect(merged.tenants).toEqual(sameRun.tenants);
    expect(merged).not.toHaveProperty("shard");
    expect(merged.observedAt).toBe(shards.map((shard) => shard.observedAt).sort()[0]);
    await writeFile(wholeFile, JSON.stringify(sameRun));
    const [wholeJson, mergedJson] = [await reconcile(wholeFile, "json"), await reconcile(mergedFile, "json")];
    const [wholeMarkdown, mergedMarkdown] = [
      await reconcile(wholeFile, "markdown"),
      await reconcile(mergedFile, "markdown"),
    ];

    expect(mergedJson).toBe(wholeJson);
    expect(mergedMarkdown).toBe(wholeMarkdown);
    const report = JSON.parse(mergedJson);
    expect(report.instances).toHaveLength(FLEET_SIZE + 3);
    expect(report.summary.ready).toBeGreaterThan(0);
    expect(report.summary.unknown).toBe(2);
  }, 120_000);

  it("a lone shard leaves the other shards' instances unknown, and merging it alone is refused", async () => {
    const file = join(scratch, "lone.json");
    await observe(file, "--shard", `2/${SHARDS}`);

    const merge = await runCli(["snapshot", "merge", file, "--out", join(scratch, "never.json")], {});
    const report = JSON.parse(await reconcile(file, "json"));

    expect(merge.code).toBe(1);
    expect(merge.stderr).toContain(`shard 1/${SHARDS}, 3/${SHARDS} are missing`);
    const unknown = report.instances.filter((entry: { status: string }) => entry.status === "unknown");
    expect(unknown.length).toBeGreaterThan(0);
    expect(unknown.length).toBeLessThan(report.instances.length);
  }, 60_000);

  it("refuses to merge shards observed from different instance files", async () => {
    const fewer = join(scratch, "fewer");
    await mkdir(fewer);
    await cp(instancesDir, fewer, { recursive: true, filter: (path) => !path.endsWith("partner-0.yaml") });
    await rm(join(fewer, "partner-23.yaml")); // the sandbox of partner-0
    const first = join(scratch, "first.json");
    const second = join(scratch, "second.json");
    await observe(first, "--shard", "1/2");
    const run = await runCli(
      ["observe", "--dir", fewer, "--out", second, "--shard", "2/2"],
      emulator.environment,
    );

    const merge = await runCli(
      ["snapshot", "merge", first, second, "--out", join(scratch, "never.json")],
      {},
    );

    expect(run.code, run.stderr).toBe(0);
    expect(merge.code).toBe(1);
    expect(merge.stderr).toContain("were observed from different instance files");
  }, 60_000);
});
