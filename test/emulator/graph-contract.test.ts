import { afterEach, describe, expect, it } from "vitest";
import type { RecordedGraphExchange } from "../../src/emulator/graph/graph-reply.js";
import { buildExampleSeed } from "../../src/emulator/seeds/example-instances.js";
import { buildFleet } from "../../src/emulator/seeds/fleet.js";
import { type RunningEmulator, startEmulator } from "../../src/emulator/start-emulator.js";
import { loadExampleInstances, observerFor } from "../adapters/graph/support/observe-emulator.js";
import { createGraphContract } from "../support/graph-contract.js";

const NOW = new Date("2026-11-20T10:00:00Z");
const contract = createGraphContract();
let emulator: RunningEmulator | undefined;

afterEach(async () => {
  await emulator?.close();
  emulator = undefined;
});

async function record(seed: Parameters<typeof startEmulator>[0]["seed"], pageSize = 100) {
  const exchanges: RecordedGraphExchange[] = [];
  emulator = await startEmulator({
    seed,
    pageSize,
    now: () => NOW,
    recordGraph: (exchange) => exchanges.push(exchange),
  });
  return { running: emulator, exchanges };
}

describe("the observer and the emulator speak Graph as Microsoft's metadata describes it", () => {
  it("every request and answer of an observation of the example instances", async () => {
    const { running, exchanges } = await record(buildExampleSeed(NOW), 1);

    await observerFor(running).observeTenants(await loadExampleInstances());

    const reads = exchanges.filter((exchange) => exchange.method === "GET");
    expect(reads.length).toBeGreaterThan(20);
    expect(contract.checkAll(exchanges)).toEqual([]);
  });

  it("every request and answer of an observation of a fleet in every state", async () => {
    const fleet = buildFleet(10, NOW, { instancesPerTenant: 2 });
    const { running, exchanges } = await record(fleet.seed);

    await observerFor(running).observeTenants(fleet.instances);

    expect(exchanges.some((exchange) => exchange.url.includes("/$batch"))).toBe(true);
    expect(contract.checkAll(exchanges)).toEqual([]);
  });
});
