import { setTimeout as sleep } from "node:timers/promises";
import type { Context, Middleware } from "@microsoft/microsoft-graph-client";
import { TransportFailure } from "./https-transport.js";
import { isRetryableStatus, type RetryPolicy, retryDelayMs } from "./retry-policy.js";

/**
 * Retries a whole HTTP request (a `$batch` POST carries only reads, so repeating it is safe) on 429,
 * transient 5xx and dropped connections, honouring `Retry-After`. A timeout is not retried: a tenant
 * that is too slow should fail alone and quickly, not hold the run for several more deadlines.
 */
export class RetryMiddleware implements Middleware {
  #next: Middleware | undefined;

  constructor(private readonly policy: RetryPolicy) {}

  setNext(next: Middleware): void {
    this.#next = next;
  }

  async execute(context: Context): Promise<void> {
    const next = this.#next;
    if (next === undefined) throw new Error("RetryMiddleware needs a next middleware");
    for (let attempt = 1; ; attempt += 1) {
      let response: Response;
      try {
        await next.execute(context);
        response = context.response as Response;
      } catch (error) {
        const retryable = error instanceof TransportFailure && error.kind === "network";
        const delay = retryable ? retryDelayMs(this.policy, attempt, undefined) : undefined;
        if (delay === undefined) throw error;
        await sleep(delay);
        continue;
      }
      if (!isRetryableStatus(response.status)) return;
      const delay = retryDelayMs(this.policy, attempt, response.headers.get("retry-after"));
      if (delay === undefined) return;
      await response.arrayBuffer();
      await sleep(delay);
    }
  }
}
