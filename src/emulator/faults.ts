import type { IncomingMessage, RequestListener, ServerResponse } from "node:http";

/** A failure the emulator can answer with instead of the real response. */
export type FaultKind = "429" | "500" | "502" | "503" | "drop";

/**
 * Fault injection for an emulator's `node:http(s)` handler, applied per request.
 *
 * The object is read on every request, so a test may change its fields while the server runs
 * (for example to heal the service between two runs).
 */
export interface FaultOptions {
  /** Delay before every request is handled (faulted or not), in milliseconds. */
  latencyMs?: number | undefined;
  /** Share of requests, 0..1, that fail with one of `kinds`. Default 0. */
  failureRate?: number | undefined;
  /** Failures to choose from, uniformly. Default: all of them. */
  kinds?: readonly FaultKind[] | undefined;
  /** `Retry-After` (seconds) sent with a 429 and a 503. Default 1. */
  retryAfterSeconds?: number | undefined;
  /** Source of randomness in [0, 1); inject a seeded one for reproducible tests. */
  random?: (() => number) | undefined;
  /**
   * Body of an injected HTTP failure, in the emulated service's own error shape.
   * Default: `{ error: { code, message } }`.
   */
  errorBody?: ((status: number, code: string) => unknown) | undefined;
}

const ALL_KINDS: readonly FaultKind[] = ["429", "500", "502", "503", "drop"];

const CODES: Readonly<Record<Exclude<FaultKind, "drop">, string>> = {
  "429": "TooManyRequests",
  "500": "InternalServerError",
  "502": "BadGateway",
  "503": "ServiceUnavailable",
};

/** Picks the fault for one request, or `undefined` when this request should succeed. */
export function chooseFault(options: FaultOptions): FaultKind | undefined {
  const rate = options.failureRate ?? 0;
  if (rate <= 0) return undefined;
  const random = options.random ?? Math.random;
  if (random() >= rate) return undefined;
  const kinds = options.kinds !== undefined && options.kinds.length > 0 ? options.kinds : ALL_KINDS;
  return kinds[Math.floor(random() * kinds.length)] ?? kinds[0];
}

/** HTTP status, code and headers of an injected failure (not for `drop`). */
export function describeFault(
  kind: Exclude<FaultKind, "drop">,
  options: FaultOptions,
): { status: number; code: string; headers: Record<string, string> } {
  const status = Number(kind);
  const headers: Record<string, string> = {};
  if (kind === "429" || kind === "503") headers["retry-after"] = String(options.retryAfterSeconds ?? 1);
  return { status, code: CODES[kind], headers };
}

/** Answers `response` with the fault: an HTTP error, or a destroyed socket for `drop`. */
export function writeFault(response: ServerResponse, kind: FaultKind, options: FaultOptions): void {
  if (kind === "drop") {
    response.socket?.destroy();
    response.destroy();
    return;
  }
  const { status, code, headers } = describeFault(kind, options);
  const body = options.errorBody?.(status, code) ?? {
    error: { code, message: `Injected fault: ${code}` },
  };
  response.writeHead(status, { ...headers, "content-type": "application/json" });
  response.end(JSON.stringify(body));
}

/** Resolves after `ms` milliseconds (immediately for 0 or less). */
export function sleep(ms: number): Promise<void> {
  return ms > 0 ? new Promise((resolve) => setTimeout(resolve, ms)) : Promise.resolve();
}

/**
 * Wraps a request handler: waits `latencyMs`, then either injects a fault or calls `handler`.
 * A drained request body is not needed for a fault: the socket is either answered or destroyed.
 * With `handlerAppliesLatency`, `handler` is called at once and holds its own answer for
 * `latencyMs` (so that its work overlaps the wait, as a real service's does); faults still wait.
 */
export function withFaults(
  handler: RequestListener,
  options: FaultOptions,
  handlerAppliesLatency = false,
): RequestListener {
  return (request: IncomingMessage, response: ServerResponse) => {
    const fault = chooseFault(options);
    if (handlerAppliesLatency && fault === undefined) {
      handler(request, response);
      return;
    }
    void sleep(options.latencyMs ?? 0).then(() => {
      if (fault === undefined) {
        handler(request, response);
        return;
      }
      request.resume();
      writeFault(response, fault, options);
    });
  };
}
