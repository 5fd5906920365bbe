import { describe, expect, it } from "vitest";
import { AdaptiveLimiter } from "../../../src/adapters/graph/adaptive-limiter.js";
import { TenantLimiter } from "../../../src/adapters/graph/tenant-limiter.js";

/** A clock the test moves, and tasks that take as long as the test says. */
function harness(limiter: (now: () => number) => AdaptiveLimiter) {
  let clock = 0;
  const now = () => clock;
  const subject = limiter(now);
  /** Runs `count` tasks at once, each lasting `ms`, then lets them finish together. */
  const wave = async (count: number, ms: number, fail = false) => {
    const finishers: (() => void)[] = [];
    let peak = 0;
    let running = 0;
    const all = Array.from({ length: count }, () =>
      subject
        .run(
          () =>
            new Promise<number>((resolve) => {
              running += 1;
              peak = Math.max(peak, running);
              finishers.push(() => {
                running -= 1;
                resolve(fail ? 500 : 200);
              });
            }),
          (status) => status >= 500,
        )
        .catch(() => undefined),
    );
    // Finish them in turns, each after `ms`, until none is left (waiting ones start meanwhile).
    while (finishers.length > 0 || running > 0) {
      await new Promise((resolve) => setImmediate(resolve));
      clock += ms;
      for (const finish of finishers.splice(0)) finish();
      await new Promise((resolve) => setImmediate(resolve));
    }
    await Promise.all(all);
    return peak;
  };
  return { subject, wave };
}

describe("AdaptiveLimiter", () => {
  it("grows while it is full and latency stays flat, up to its ceiling", async () => {
    const { subject, wave } = harness(
      (now) => new AdaptiveLimiter({ initial: 4, min: 2, max: 64, now, busy: () => false }),
    );
    expect(subject.limit).toBe(4);

    await wave(200, 50);

    expect(subject.limit).toBeGreaterThan(32);
    await wave(1_000, 50);
    expect(subject.limit).toBe(64);
  });

  it("shrinks when answers queue a second longer than the quietest", async () => {
    const { subject, wave } = harness(
      (now) => new AdaptiveLimiter({ initial: 32, min: 8, max: 64, now, busy: () => false }),
    );
    await wave(64, 50);
    const before = subject.limit;

    await wave(200, 1_200);

    expect(subject.limit).toBeLessThan(before);
  });

  it("holds while the event loop has no time to spare", async () => {
    const { subject, wave } = harness(
      (now) => new AdaptiveLimiter({ initial: 16, min: 4, max: 256, now, busy: () => true }),
    );

    await wave(400, 50);

    expect(subject.limit).toBe(16);
  });

  it("shrinks when tasks fail, never below its floor", async () => {
    const { subject, wave } = harness(
      (now) => new AdaptiveLimiter({ initial: 32, min: 8, max: 64, now, busy: () => false }),
    );
    await wave(64, 50);
    const before = subject.limit;

    await wave(200, 50, true);

    expect(subject.limit).toBeLessThan(before);
    expect(subject.limit).toBeGreaterThanOrEqual(8);
    await wave(400, 50, true);
    expect(subject.limit).toBe(8);
  });

  it("does not grow while it has room (no use for more)", async () => {
    const { subject, wave } = harness(
      (now) => new AdaptiveLimiter({ initial: 16, min: 4, max: 256, now, busy: () => false }),
    );

    await wave(8, 50);
    await wave(8, 50);

    expect(subject.limit).toBe(16);
  });
});

describe("TenantLimiter", () => {
  it("holds every request of its tenant while paused", async () => {
    let clock = 1_000;
    const limiter = new TenantLimiter(4, () => clock);
    limiter.pauseFor(30);
    const started: number[] = [];

    const pending = limiter.run(async () => started.push(clock));
    await new Promise((resolve) => setTimeout(resolve, 5));
    const heldWhilePaused = started.length;
    clock += 30;
    await pending;

    expect(heldWhilePaused).toBe(0);
    expect(started).toEqual([1_030]);
  });
});
