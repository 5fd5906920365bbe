import { mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildExampleSeed } from "../../src/emulator/seeds/example-instances.js";
import { type RunningEmulator, startEmulator } from "../../src/emulator/start-emulator.js";
import { GraphArrivals } from "../support/graph-arrivals.js";
import { runCli } from "./support/run-cli.js";

const NOW = "2026-11-20T10:00:00Z";
const LATENCY_MS = 150;

let scratch: string;
let emulator: RunningEmulator;
const recorded = new GraphArrivals();

beforeAll(async () => {
  scratch = await mkdtemp(join(tmpdir(), "cspops-previous-"));
  emulator = await startEmulator({
    seed: buildExampleSeed(new Date(NOW)),
    graphFaults: { latencyMs: LATENCY_MS },
    recordGraph: recorded.record,
  });
});

afterAll(async () => {
  await emulator.close();
  await rm(scratch, { recursive: true, force: true });
});

/** Per tenant: how long from its first Graph request to its last; then forgets them. */
function takeSpreads(): number[] {
  const spreads = [...emulator.state.tenants.values()].map((tenant) => {
    const arrivals = recorded.of(tenant.id);
    return Math.max(...arrivals) - Math.min(...arrivals);
  });
  recorded.clear();
  return spreads;
}

describe("cspops observe --previous", () => {
  it("reads each tenant in one round with the app ids of the last snapshot, into the same snapshot", async () => {
    const out = join(scratch, "observed.json");

    // The first run: the file does not exist yet, which only means no app id is known.
    const first = await runCli(["observe", "--previous", out, "--out", out], emulator.environment);
    const firstSnapshot = JSON.parse(await readFile(out, "utf8"));
    const firstSpreads = takeSpreads();
    const second = await runCli(["observe", "--previous", out, "--out", out], emulator.environment);
    const secondSnapshot = JSON.parse(await readFile(out, "utf8"));
    const secondSpreads = takeSpreads();

    expect(first.code, first.stderr).toBe(0);
    expect(second.code, second.stderr).toBe(0);
    expect(secondSnapshot.tenants).toEqual(firstSnapshot.tenants);
    // Every example tenant has an app: two rounds (one answer apart), then one.
    expect(firstSpreads.every((spread) => spread >= LATENCY_MS)).toBe(true);
    expect(secondSpreads.every((spread) => spread < LATENCY_MS / 2)).toBe(true);
  });

  it("refuses a --previous file that is not a snapshot, before any Graph traffic", async () => {
    const requestsBefore = emulator.state.counters.graphRequests;

    const run = await runCli(
      ["observe", "--previous", "package.json", "--out", join(scratch, "x.json")],
      emulator.environment,
    );

    expect(run.code).toBe(1);
    expect(run.stderr).toContain("package.json is not a valid observed snapshot");
    expect(emulator.state.counters.graphRequests).toBe(requestsBefore);
  });
});
