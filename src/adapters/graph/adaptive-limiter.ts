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
}

/** Latency this many times the quiet latency means the client (or the service) is saturated. */
const CONGESTED_RATIO = 2;
/** Share of the limit kept on congestion: a multiplicative decrease, as TCP's. */
const DECREASE = 0.75;
/** The quiet latency is the lowest of the last 10 to 20 seconds: it may rise as the path changes. */
const QUIET_WINDOW_MS = 10_000;

/**
 * Requests in flight across tenants, adapted to what the client can carry (docs/snapshot.md#limits):
 * additive increase, multiplicative decrease, like TCP's congestion window.
 *
 * - The latency of each task is measured from its start to its end on this event loop, so it
 *   rises both when the service slows and when this process falls behind (event-loop lag, CPU).
 *   The quiet latency is the lowest of the last 10 to 20 seconds.
 * - While the limit is in use and latency stays under twice the quiet latency, the limit grows:
 *   by one per success at first (doubling per round trip, "slow start"), by one per round trip
 *   after the first decrease.
 * - When latency passes twice the quiet latency, or a task fails (a dropped connection, a 5xx),
 *   the limit shrinks to three quarters, at most once per round trip, never below `min`.
 * - `max` bounds it whatever happens: the sockets of the connection pool.
 */
export class AdaptiveLimiter implements TaskLimiter {
  readonly #min: number;
  readonly #max: number;
  readonly #now: () => number;
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
    if (failed || this.#recentMs > CONGESTED_RATIO * quietMs) {
      // Once per round trip: the tasks already in flight report the same congestion.
      if (now - this.#lastDecrease < this.#recentMs) return;
      this.#lastDecrease = now;
      this.#slowStart = false;
      this.#limit = Math.max(this.#min, this.#limit * DECREASE);
      return;
    }
    if (!full) return;
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
