import { Agent, request as httpsRequest } from "node:https";
import { createSecureContext } from "node:tls";
import type { Context, Middleware } from "@microsoft/microsoft-graph-client";
import type { AdaptiveLimiter } from "./adaptive-limiter.js";
import { BufferedResponse } from "./buffered-response.js";
import { isRetryableStatus, parseRetryAfter } from "./retry-policy.js";
import type { TenantLimiter } from "./tenant-limiter.js";

/** A request got no complete answer: the connection failed, was dropped, or took too long. */
export class TransportFailure extends Error {
  constructor(
    readonly kind: "timeout" | "network",
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    // The Graph client copies `name` into `GraphError.code`: this is how the kind survives it.
    this.name = kind === "timeout" ? "Timeout" : "NetworkError";
  }
}

export interface HttpsTransportOptions {
  /** Deadline for one exchange, from the moment it may start to the last byte of the answer. */
  readonly timeoutMs: number;
  /** This tenant's limits: its requests in flight, and its `Retry-After` pauses. */
  readonly tenant: TenantLimiter;
  /** Bounds the requests in flight across every tenant (and so the sockets). */
  readonly shared: AdaptiveLimiter;
  readonly agent: Agent;
}

/**
 * A keep-alive agent. With `caPem` (the emulator's CA) it trusts that CA only, through one secure
 * context made once: a `ca` option would rebuild the context for every new connection.
 */
export function createHttpsAgent(maxSockets: number, caPem?: string): Agent {
  return new Agent({
    keepAlive: true,
    maxSockets,
    ...(caPem === undefined ? {} : { secureContext: createSecureContext({ ca: caPem }) }),
  });
}

/**
 * The last link of one tenant's Graph client middleware chain, in place of its `fetch`:
 * `node:https` with a keep-alive agent (so a CA can be trusted explicitly), the tenant's limits
 * taken before the shared one (a paused tenant holds no shared place), and a deadline per request
 * whose clock starts only when the request may go. A `Retry-After` on a 429 or 5xx pauses the
 * tenant, not the others.
 */
export class HttpsTransport implements Middleware {
  constructor(private readonly options: HttpsTransportOptions) {}

  async execute(context: Context): Promise<void> {
    const url = typeof context.request === "string" ? context.request : context.request.url;
    const init = context.options ?? {};
    const body = typeof init.body === "string" ? init.body : undefined;
    const headers = headerRecord(init.headers);
    const { tenant, shared } = this.options;
    context.response = await tenant.run(async () => {
      const response = await shared.run(
        () => exchange(url, init.method ?? "GET", headers, body, this.options),
        (answer) => answer.status >= 500,
      );
      if (isRetryableStatus(response.status)) {
        const pause = parseRetryAfter(response.headers.get("retry-after"), Date.now());
        if (pause !== undefined) tenant.pauseFor(pause);
      }
      return response;
    });
  }
}

function exchange(
  url: string,
  method: string,
  headers: Record<string, string>,
  body: string | undefined,
  options: HttpsTransportOptions,
): Promise<Response> {
  return new Promise((resolve, reject) => {
    const outgoing = httpsRequest(url, {
      method,
      agent: options.agent,
      headers:
        body === undefined ? headers : { ...headers, "content-length": String(Buffer.byteLength(body)) },
    });
    const timer = setTimeout(() => {
      outgoing.destroy(
        new TransportFailure(
          "timeout",
          `no complete answer within ${options.timeoutMs} ms (${method} ${pathOf(url)})`,
        ),
      );
    }, options.timeoutMs);
    outgoing.on("error", (error) => {
      clearTimeout(timer);
      reject(
        error instanceof TransportFailure
          ? error
          : new TransportFailure("network", describe(error), { cause: error }),
      );
    });
    outgoing.on("response", (incoming) => {
      const chunks: Buffer[] = [];
      incoming.on("data", (chunk: Buffer) => chunks.push(chunk));
      incoming.on("error", () => undefined); // reported through the request's error event
      incoming.on("end", () => {
        clearTimeout(timer);
        resolve(
          new BufferedResponse(Buffer.concat(chunks), {
            status: incoming.statusCode ?? 0,
            statusText: incoming.statusMessage ?? "",
            headers: headerPairs(incoming.rawHeaders),
          }),
        );
      });
    });
    outgoing.end(body);
  });
}

/** `rawHeaders` (name, value, name, value …) as pairs: repeated headers stay separate entries. */
function headerPairs(rawHeaders: readonly string[]): [string, string][] {
  const pairs: [string, string][] = [];
  for (let index = 0; index + 1 < rawHeaders.length; index += 2) {
    pairs.push([rawHeaders[index] as string, rawHeaders[index + 1] as string]);
  }
  return pairs;
}

function headerRecord(headers: RequestInit["headers"]): Record<string, string> {
  if (headers === undefined) return {};
  if (headers instanceof Headers) return Object.fromEntries(headers.entries());
  if (Array.isArray(headers)) return Object.fromEntries(headers);
  return { ...(headers as Record<string, string>) };
}

/** The path without the query: queries name users and apps, which messages need not repeat. */
function pathOf(url: string): string {
  try {
    return new URL(url).pathname;
  } catch {
    return "request";
  }
}

function describe(error: unknown): string {
  const code = (error as { code?: unknown }).code;
  const message = error instanceof Error ? error.message : String(error);
  return typeof code === "string" && !message.includes(code) ? `${code}: ${message}` : message;
}
