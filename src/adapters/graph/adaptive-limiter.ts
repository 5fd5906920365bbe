import type { TaskLimiter } from "./concurrency.js";

export interface AdaptiveLimiterOptions {
  /** Tasks at a time to begin with. */
  readonly initial: number;
  /** Never fewer (however slow the answers). */
  readonly min: number;
  /** Never more: the hard ceiling (sockets, memory). */
  readonly max: number;
  /** Milliseconds, monotonic (`performance.now`); injectable for tests. */
  readonly now?: (() => number) | undefined;
  /** Whether this process has no time to spare; default: its event loop busy 90 % of the time. */
  readonly busy?: (() => boolean) | undefined;
}

/** Share of the limit kept on congestion: a multiplicative decrease, as TCP's. */
const DECREASE = 0.75;
/** Answers queued this much longer than the quietest answer: too many in flight. */
const QUEUE_GUARD_MS = 1_000;
/** The quiet latency is the lowest of the last 10 to 20 seconds: it may rise as the path changes. */
const QUIET_WINDOW_MS = 10_000;

/**
 * Requests in flight across tenants, adapted to what this client can carry
 * (docs/snapshot.md#limits): additive increase, multiplicative decrease, like TCP's congestion
 * window.
 *
 * - It grows only while the limit is in use, no request fails and the event loop has time to
 *   spare: then more requests in flight are answered in the same time, since the wait is the
 *   service's. By one per success at first (doubling per round trip, "slow start"), by one per
 *   round trip after the first decrease. When the event loop is busy it holds: more in flight
 *   would only queue.
 * - It shrinks to three quarters when a request fails (a dropped connection, a timeout, a 5xx) or
 *   answers take a second longer than the quietest of the last 10–20 s (latency is measured on
 *   this event loop, so its lag counts), at most once per round trip, never below `min`.
 * - `max` bounds it whatever happens: the sockets of the connection pool.
 */
export class AdaptiveLimiter implements TaskLimiter {
  readonly #min: number;
  readonly #max: number;
  readonly #now: () => number;
  readonly #busy: () => boolean;
  #limit: number;
  #running = 0;
  readonly #waiting: (() => void)[] = [];
  #slowStart = true;
  #windowStart = Number.NEGATIVE_INFINITY;
  #windowLowest = Number.POSITIVE_INFINITY;
  #previousLowest = Number.POSITIVE_INFINITY;
  #recentMs = 0;
  #lastDecrease = Number.NEGATIVE_INFINITY;

  constructor(options: AdaptiveLimiterOptions) {
    this.#max = Math.max(1, Math.floor(options.max));
    this.#min = Math.min(this.#max, Math.max(1, Math.floor(options.min)));
    this.#limit = Math.min(this.#max, Math.max(this.#min, Math.floor(options.initial)));
    this.#now = options.now ?? (() => performance.now());
    this.#busy = options.busy ?? eventLoopBusy();
  }

  /** The current limit (whole tasks). */
  get limit(): number {
    return Math.floor(this.#limit);
  }

  /** Whether a task given now would start at once. */
  get hasRoom(): boolean {
    return this.#running < this.limit;
  }

  /**
   * Runs `task` when there is room. `failed` tells whether its result is a sign of overload (for
   * example a 5xx answer); a thrown error always is.
   */
  async run<T>(task: () => Promise<T>, failed: (result: T) => boolean = () => false): Promise<T> {
    // A waiting task is handed its place by the one that frees it (`#startWaiting`).
    if (this.#running < this.limit) this.#running += 1;
    else await new Promise<void>((resolve) => this.#waiting.push(resolve));
    // Whether the limit was in use when this task started: growth is earned only then.
    const full = this.#running >= this.limit;
    const started = this.#now();
    try {
      const result = await task();
      this.#record(this.#now() - started, failed(result), full);
      return result;
    } catch (error) {
      this.#record(this.#now() - started, true, full);
      throw error;
    } finally {
      this.#running -= 1;
      this.#startWaiting();
    }
  }

  #record(latencyMs: number, failed: boolean, full: boolean): void {
    const sample = Math.max(latencyMs, 0.1);
    const now = this.#now();
    if (now - this.#windowStart > QUIET_WINDOW_MS) {
      this.#previousLowest = this.#windowLowest;
      this.#windowLowest = sample;
      this.#windowStart = now;
    } else this.#windowLowest = Math.min(this.#windowLowest, sample);
    const quietMs = Math.min(this.#windowLowest, this.#previousLowest);
    this.#recentMs = this.#recentMs === 0 ? sample : this.#recentMs + (sample - this.#recentMs) * 0.25;
    if (failed || this.#recentMs > quietMs + QUEUE_GUARD_MS) {
      // Once per round trip: the tasks already in flight report the same congestion.
      if (now - this.#lastDecrease < this.#recentMs) return;
      this.#lastDecrease = now;
      this.#slowStart = false;
      this.#limit = Math.max(this.#min, this.#limit * DECREASE);
      return;
    }
    if (!full || this.#busy()) return;
    this.#limit = Math.min(this.#max, this.#limit + (this.#slowStart ? 1 : 1 / this.#limit));
  }

  #startWaiting(): void {
    while (this.#running < this.limit) {
      const next = this.#waiting.shift();
      if (next === undefined) return;
      this.#running += 1;
      next();
    }
  }
}

/** Whether the event loop was busy 90 % of the last tenth of a second (or more): measured at most that often. */
function eventLoopBusy(): () => boolean {
  let since = performance.eventLoopUtilization();
  let busy = false;
  return () => {
    const delta = performance.eventLoopUtilization(since);
    if (delta.idle + delta.active >= 100) {
      busy = delta.utilization > 0.9;
      since = performance.eventLoopUtilization();
    }
    return busy;
  };
}
