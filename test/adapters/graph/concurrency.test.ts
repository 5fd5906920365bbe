import { describe, expect, it } from "vitest";
import { Semaphore, SlowStartLimiter } from "../../../src/adapters/graph/concurrency.js";

/** Tasks that finish when the test says so, counting how many run at once. */
function controlledTasks() {
  let running = 0;
  let peak = 0;
  const finishers: (() => void)[] = [];
  const task = () =>
    new Promise<void>((resolve) => {
      running += 1;
      peak = Math.max(peak, running);
      finishers.push(() => {
        running -= 1;
        resolve();
      });
    });
  const settle = () => new Promise((resolve) => setImmediate(resolve));
  /** Finishes the oldest running task, then lets the limiter start the next. */
  const finishOne = async () => {
    finishers.shift()?.();
    await settle();
  };
  /** Finishes every task, including those that start meanwhile. */
  const finishAll = async () => {
    while (finishers.length > 0) await finishOne();
  };
  return { task, settle, finishOne, finishAll, running: () => running, peak: () => peak };
}

describe("Semaphore", () => {
  it("runs at most its limit at a time, and one more after widen()", async () => {
    const tasks = controlledTasks();
    const semaphore = new Semaphore(2);
    expect(semaphore.hasRoom).toBe(true);
    const all = Array.from({ length: 5 }, () => semaphore.run(tasks.task));
    await tasks.settle();
    expect(tasks.running()).toBe(2);
    expect(semaphore.hasRoom).toBe(false);

    semaphore.widen();
    await tasks.settle();
    expect(tasks.running()).toBe(3);

    await tasks.finishAll();
    await Promise.all(all);
    expect(tasks.peak()).toBe(3);
  });
});

describe("SlowStartLimiter", () => {
  it("starts with the initial limit and grows by one per success up to the maximum", async () => {
    const tasks = controlledTasks();
    const limiter = new SlowStartLimiter(2, 4);
    const all = Array.from({ length: 10 }, () => limiter.run(tasks.task));
    await tasks.settle();
    expect(tasks.running()).toBe(2);

    // One success: its slot goes to the next task, and the limit grows to 3.
    await tasks.finishOne();
    expect(tasks.running()).toBe(3);

    await tasks.finishOne();
    expect(tasks.running()).toBe(4);

    // At the maximum: a success only hands its slot on.
    await tasks.finishOne();
    expect(tasks.running()).toBe(4);

    await tasks.finishAll();
    await Promise.all(all);
    expect(tasks.peak()).toBe(4);
  });

  it("grows only while more would be of use", async () => {
    const tasks = controlledTasks();
    let wanted = false;
    const limiter = new SlowStartLimiter(1, 4, () => wanted);
    const all = Array.from({ length: 6 }, () => limiter.run(tasks.task));
    await tasks.settle();

    await tasks.finishOne();
    expect(tasks.running()).toBe(1);

    wanted = true;
    await tasks.finishOne();
    expect(tasks.running()).toBe(2);

    await tasks.finishAll();
    await Promise.all(all);
  });

  it("does not grow on failures", async () => {
    const limiter = new SlowStartLimiter(1, 8);
    let running = 0;
    let peak = 0;
    const failing = async () => {
      running += 1;
      peak = Math.max(peak, running);
      await new Promise((resolve) => setImmediate(resolve));
      running -= 1;
      throw new Error("refused");
    };
    const results = await Promise.allSettled(Array.from({ length: 6 }, () => limiter.run(failing)));
    expect(results.every((result) => result.status === "rejected")).toBe(true);
    expect(peak).toBe(1);
  });
});
