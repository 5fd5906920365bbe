import { afterEach, describe, expect, it } from "vitest";
import { planReconcile } from "../../../src/core/reconcile/plan-reconcile.js";
import { buildFleet } from "../../../src/emulator/seeds/fleet.js";
import { type RunningEmulator, startEmulator } from "../../../src/emulator/start-emulator.js";
import { observerFor, statusesOf } from "./support/observe-emulator.js";

const NOW = new Date("2026-11-20T10:00:00Z");

/** A seeded generator (mulberry32): the same faults on every run of the test. */
function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

let emulator: RunningEmulator | undefined;

afterEach(async () => {
  await emulator?.close();
  emulator = undefined;
});

describe("observation under faults", () => {
  it.each([1, 2])(
    "with 30 percent of Graph requests and batch items failing (seed %i), every status is right or unknown",
    async (seed) => {
      const fleet = buildFleet(25, NOW);
      emulator = await startEmulator({
        seed: fleet.seed,
        pageSize: 2,
        graphFaults: {
          failureRate: 0.3,
          kinds: ["429", "500", "502", "503", "drop"],
          retryAfterSeconds: 0,
          random: seededRandom(seed),
        },
      });

      const snapshot = await observerFor(emulator, { maxRequestsInFlight: 8 }).observeTenants(
        fleet.instances,
      );

      const statuses = statusesOf(planReconcile(fleet.instances, snapshot, NOW));
      const wrong = Object.entries(statuses).filter(
        ([name, status]) => status !== "unknown" && status !== fleet.expected.get(name),
      );
      const right = Object.entries(statuses).filter(([name, status]) => status === fleet.expected.get(name));
      expect(wrong).toEqual([]);
      expect(right.length).toBeGreaterThanOrEqual(20);
    },
  );

  it("with several instances per tenant and 30 percent faults, every status is right or unknown", async () => {
    const fleet = buildFleet(25, NOW, { instancesPerTenant: 5 });
    emulator = await startEmulator({
      seed: fleet.seed,
      pageSize: 2,
      graphFaults: { failureRate: 0.3, retryAfterSeconds: 0, random: seededRandom(5) },
    });

    const snapshot = await observerFor(emulator).observeTenants(fleet.instances);

    const statuses = Object.entries(statusesOf(planReconcile(fleet.instances, snapshot, NOW)));
    expect(Object.keys(snapshot.tenants)).toHaveLength(5);
    expect(
      statuses.filter(([name, status]) => status !== "unknown" && status !== fleet.expected.get(name)),
    ).toEqual([]);
    // Faults are drawn in the order requests arrive, which concurrency varies from run to run: a
    // tenant whose reads drew failures past the retries is `unknown` as a whole (5 instances). The
    // check above is exact; this one only asks that most tenants (3 of 5) were read through.
    expect(
      statuses.filter(([name, status]) => status === fleet.expected.get(name)).length,
    ).toBeGreaterThanOrEqual(15);
  });

  it("when faults outlast the retries, the affected instances are unknown, never wrong", async () => {
    const fleet = buildFleet(10, NOW);
    emulator = await startEmulator({
      seed: fleet.seed,
      graphFaults: { failureRate: 0.3, kinds: ["503"], retryAfterSeconds: 0, random: seededRandom(7) },
    });

    const snapshot = await observerFor(emulator, {
      retryPolicy: { maxAttempts: 2, maxRetryAfterMs: 1_000, baseDelayMs: 1, maxDelayMs: 5 },
    }).observeTenants(fleet.instances);

    const statuses = Object.entries(statusesOf(planReconcile(fleet.instances, snapshot, NOW)));
    expect(statuses.filter(([, status]) => status === "unknown").length).toBeGreaterThan(0);
    expect(
      statuses.filter(([name, status]) => status !== "unknown" && status !== fleet.expected.get(name)),
    ).toEqual([]);
  });

  it("with 30% of token requests throttled, every status is right or unknown", async () => {
    const fleet = buildFleet(10, NOW);
    emulator = await startEmulator({
      seed: fleet.seed,
      entraFaults: { failureRate: 0.3, kinds: ["429"], retryAfterSeconds: 0, random: seededRandom(11) },
    });

    const snapshot = await observerFor(emulator).observeTenants(fleet.instances);

    const statuses = Object.entries(statusesOf(planReconcile(fleet.instances, snapshot, NOW)));
    expect(
      statuses.filter(([name, status]) => status !== "unknown" && status !== fleet.expected.get(name)),
    ).toEqual([]);
    expect(statuses.filter(([name, status]) => status === fleet.expected.get(name)).length).toBeGreaterThan(
      5,
    );
  });
});
