import type { RecordedGraphExchange } from "../../src/emulator/graph/graph-reply.js";

/**
 * The emulator's record of Graph requests (its `recordGraph` option), per tenant: when each of its
 * requests arrived, and which were refused for throttling. `$batch` sub-requests are left out:
 * they arrive with their batch.
 */
export class GraphArrivals {
  readonly #requests: RecordedGraphExchange[] = [];

  /** Pass as `recordGraph` to `startEmulator`. */
  readonly record = (exchange: RecordedGraphExchange): void => {
    if (exchange.tenantId !== undefined && exchange.url.endsWith("/$batch")) this.#requests.push(exchange);
  };

  /** When each request of `tenantId` arrived (epoch ms). */
  of(tenantId: string): number[] {
    return this.#matching(tenantId).map((exchange) => exchange.receivedAt);
  }

  /** When each 429 for `tenantId` was answered (it leaves as it arrives). */
  refusalsOf(tenantId: string): number[] {
    return this.#matching(tenantId)
      .filter((exchange) => exchange.status === 429)
      .map((exchange) => exchange.receivedAt);
  }

  /** Forgets what was recorded so far. */
  clear(): void {
    this.#requests.length = 0;
  }

  #matching(tenantId: string): RecordedGraphExchange[] {
    const wanted = tenantId.toLowerCase();
    return this.#requests.filter((exchange) => exchange.tenantId === wanted);
  }
}
