import { setTimeout as sleep } from "node:timers/promises";
import { Semaphore, type TaskLimiter } from "./concurrency.js";

/**
 * `$batch` requests in flight per partner tenant (docs/snapshot.md#limits): Graph throttles per app
 * per tenant, and 4 is the tightest concurrency Graph documents for an app in one tenant's
 * resource; 4 batches of 20 reads stay far inside the identity service's resource units per tenant.
 */
export const DEFAULT_REQUESTS_PER_TENANT = 4;

/**
 * The limits Graph puts on one partner tenant: a few requests at a time, and none while the tenant
 * has asked to wait (`Retry-After` on a 429 or 503). A throttled tenant holds back only its own
 * requests: they wait here, before taking any of the places shared across tenants.
 */
export class TenantLimiter implements TaskLimiter {
  readonly #semaphore: Semaphore;
  readonly #now: () => number;
  #pausedUntil = 0;

  constructor(concurrency: number = DEFAULT_REQUESTS_PER_TENANT, now: () => number = Date.now) {
    this.#semaphore = new Semaphore(concurrency);
    this.#now = now;
  }

  /** The tenant asked to wait `ms` (its `Retry-After`): nothing more is sent to it until then. */
  pauseFor(ms: number): void {
    this.#pausedUntil = Math.max(this.#pausedUntil, this.#now() + ms);
  }

  run<T>(task: () => Promise<T>): Promise<T> {
    return this.#semaphore.run(async () => {
      // A pause may begin or grow while this request waits: check until it is over.
      for (let wait = this.#pausedUntil - this.#now(); wait > 0; wait = this.#pausedUntil - this.#now()) {
        await sleep(wait);
      }
      return task();
    });
  }
}
