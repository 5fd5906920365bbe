import { afterEach, describe, expect, it } from "vitest";
import { knownAppIds } from "../../../src/core/snapshot/known-app-ids.js";
import type { EmulatorState } from "../../../src/emulator/emulator-state.js";
import { buildFleet } from "../../../src/emulator/seeds/fleet.js";
import { type RunningEmulator, startEmulator } from "../../../src/emulator/start-emulator.js";
import { GraphArrivals } from "../../support/graph-arrivals.js";
import { observerFor } from "./support/observe-emulator.js";

const NOW = new Date("2026-11-20T10:00:00Z");
const LATENCY_MS = 300;

let emulator: RunningEmulator | undefined;

afterEach(async () => {
  await emulator?.close();
  emulator = undefined;
});

/** Per tenant: Graph requests, and the time from the first to the last arrival; then forgets them. */
function takeArrivals(
  state: EmulatorState,
  recorded: GraphArrivals,
): Map<string, { requests: number; spreadMs: number }> {
  const seen = new Map<string, { requests: number; spreadMs: number }>();
  for (const tenant of state.tenants.values()) {
    const arrivals = recorded.of(tenant.id);
    seen.set(tenant.id, {
      requests: arrivals.length,
      spreadMs: Math.max(...arrivals) - Math.min(...arrivals),
    });
  }
  recorded.clear();
  return seen;
}

describe("a tenant whose app ids are known", () => {
  it("is read in one round, into the same snapshot as two rounds make", async () => {
    // 10 tenants of one instance each: 8 with an app (ready, needs-consent, blocked, drifted), 2 without.
    const fleet = buildFleet(10, NOW);
    const recorded = new GraphArrivals();
    emulator = await startEmulator({
      seed: fleet.seed,
      graphFaults: { latencyMs: LATENCY_MS },
      recordGraph: recorded.record,
    });
    const observer = observerFor(emulator);
    const twoRounds = await observer.observeTenants(fleet.instances);
    const before = takeArrivals(emulator.state, recorded);
    const known = knownAppIds(twoRounds, fleet.instances);

    const oneRound = await observer.observeTenants(fleet.instances, { knownAppIds: known });

    const after = takeArrivals(emulator.state, recorded);
    expect(known.size).toBe(8);
    for (const { instance } of fleet.instances) {
      const tenantId = instance.spec.partner.tenantId.toLowerCase();
      if (known.has(instance.metadata.name)) {
        // Two rounds: the app lookup answered (300 ms) before its reads went, so the tenant's
        // arrivals spread over at least one latency. One round: the v1.0 and the beta batch leave
        // together, so they arrive within one latency of each other, however loaded the machine.
        expect(before.get(tenantId)?.spreadMs).toBeGreaterThanOrEqual(LATENCY_MS);
        expect(after.get(tenantId)).toEqual({ requests: 2, spreadMs: expect.any(Number) });
        expect(after.get(tenantId)?.spreadMs).toBeLessThan(LATENCY_MS);
      } else {
        // No app to read beyond the lookup: one batch either way.
        expect(before.get(tenantId)?.requests).toBe(1);
        expect(after.get(tenantId)?.requests).toBe(1);
      }
    }
    expect(oneRound.tenants).toEqual(twoRounds.tenants);
  });

  it("makes the same snapshot when a known app id is stale (the app was replaced or deleted)", async () => {
    const fleet = buildFleet(10, NOW);
    emulator = await startEmulator({ seed: fleet.seed });
    const observer = observerFor(emulator);
    const twoRounds = await observer.observeTenants(fleet.instances);
    // Every instance "remembers" an app that no longer exists, and partner-0 its own as well.
    const stale = new Map<string, readonly string[]>(
      fleet.instances.map(({ instance }, index) => [
        instance.metadata.name,
        [`0000000${index}-dead-4000-8000-000000000000`],
      ]),
    );
    const own = knownAppIds(twoRounds, fleet.instances).get("partner-0") ?? [];
    stale.set("partner-0", [...own, "0000000a-dead-4000-8000-000000000000"]);

    const guessed = await observer.observeTenants(fleet.instances, { knownAppIds: stale });

    expect(own).toHaveLength(1);
    expect(guessed.tenants).toEqual(twoRounds.tenants);
  });
});
