import { afterEach, describe, expect, it } from "vitest";
import { DEFAULT_REQUESTS_PER_TENANT } from "../../../src/adapters/graph/tenant-limiter.js";
import { planReconcile } from "../../../src/core/reconcile/plan-reconcile.js";
import { buildFleet } from "../../../src/emulator/seeds/fleet.js";
import { type RunningEmulator, startEmulator } from "../../../src/emulator/start-emulator.js";
import { GraphArrivals } from "../../support/graph-arrivals.js";
import { observerFor, statusesOf } from "./support/observe-emulator.js";

const NOW = new Date("2026-11-20T10:00:00Z");
const RETRY_AFTER_S = 5;
const LATENCY_MS = 300;

let emulator: RunningEmulator | undefined;

afterEach(async () => {
  await emulator?.close();
  emulator = undefined;
});

describe("a throttled tenant", () => {
  it("waits its Retry-After alone: the other tenants finish long before it is retried", async () => {
    // 5 tenants of 60 instances: each has more batches than it may send at once, so the
    // throttled one has batches queued behind its 429 that must wait too (with 20 instances a
    // tenant's first batches all go at once, and the test would no longer see a missing pause).
    const fleet = buildFleet(300, NOW, { instancesPerTenant: 60 });
    const throttledId = fleet.instances[0]?.instance.spec.partner.tenantId ?? "";
    const recorded = new GraphArrivals();
    emulator = await startEmulator({
      seed: fleet.seed,
      recordGraph: recorded.record,
      graphFaults: { latencyMs: LATENCY_MS },
      tenants: { [throttledId]: { throttle: { requests: 1, retryAfterSeconds: RETRY_AFTER_S } } },
    });
    const doneAt: number[] = [];

    const snapshot = await observerFor(emulator).observeTenants(fleet.instances, {
      onProgress: () => doneAt.push(Date.now()),
    });

    const tenants = [...emulator.state.tenants.values()];
    const throttled = tenants.find((tenant) => tenant.id === throttledId.toLowerCase());
    const refusals = recorded.refusalsOf(throttledId);
    const [refusedAt = 0] = refusals;
    expect(refusals).toHaveLength(1);
    // Every other tenant was read completely within 2.5 s of the 429: nowhere near its 5 s wait.
    const others = tenants.filter((tenant) => tenant !== throttled);
    expect(others).toHaveLength(4);
    const othersLastRequest = Math.max(...others.map((tenant) => Math.max(...recorded.of(tenant.id))));
    expect(othersLastRequest - refusedAt).toBeLessThan(2_500);
    expect((doneAt[3] ?? Number.POSITIVE_INFINITY) - refusedAt).toBeLessThan(2_500);
    // While asked to wait, the throttled tenant sends nothing: what arrives in the pause can only
    // be its batches already in flight beside the refused one (4 in flight per tenant, so at most
    // 3). Without the pause, the slot the 429 freed and the answers to those three would let its
    // queued batches go at once. Counted, not timed, so a loaded machine cannot blur it.
    const arrivals = recorded.of(throttledId);
    const duringPause = arrivals.filter(
      (at) => at > refusedAt && at < refusedAt + RETRY_AFTER_S * 1000 - 100,
    );
    expect(duringPause.length).toBeLessThanOrEqual(DEFAULT_REQUESTS_PER_TENANT - 1);
    expect(arrivals.filter((at) => at >= refusedAt + RETRY_AFTER_S * 1000 - 100).length).toBeGreaterThan(0);
    expect((doneAt[4] ?? 0) - refusedAt).toBeGreaterThanOrEqual(RETRY_AFTER_S * 1000 - 100);
    expect(snapshot.tenants[throttledId]?.error).toBeUndefined();
    const statuses = statusesOf(planReconcile(fleet.instances, snapshot, NOW));
    expect(Object.entries(statuses).filter(([name, status]) => status !== fleet.expected.get(name))).toEqual(
      [],
    );
  });
});
