import type { IncomingMessage, ServerResponse } from "node:http";
import { CLOUD_ENDPOINTS } from "../../core/instance/identifiers.js";
import { verifyAccessToken } from "../access-tokens.js";
import { type EmulatedTenant, type EmulatorState, findTenant } from "../emulator-state.js";
import { type FaultOptions, sleep } from "../faults.js";
import { readBody, sendJsonText } from "../http-io.js";
import { MAX_BATCH_REQUESTS, runBatch } from "./graph-batch.js";
import {
  accessDenied,
  badRequest,
  type GraphReply,
  graphErrorReply,
  type RecordedGraphExchange,
} from "./graph-reply.js";
import { routeGraphGet } from "./graph-routes.js";

/** Graph accepts tokens issued for Graph only (a BSS's Partner Center token is refused). */
const GRAPH_AUDIENCES: ReadonlySet<string> = new Set(
  Object.values(CLOUD_ENDPOINTS).map((cloud) => cloud.graph),
);

export interface GraphHandlerOptions {
  readonly state: EmulatorState;
  /** Largest page a collection returns; small values exercise `@odata.nextLink` paging. */
  readonly pageSize: number;
  /** Faults for `$batch` sub-requests (whole-request faults are applied before this handler). */
  readonly faults: FaultOptions;
  /** Sees each request and its answer, and each `$batch` sub-request on its own (contract tests). */
  readonly record?: ((exchange: RecordedGraphExchange) => void) | undefined;
}

/**
 * Microsoft Graph for `/v1.0/…` and `/beta/…`: checks the bearer token the emulator's token endpoint
 * issued, finds its tenant, applies its denial, then answers a GET or a `$batch`. The answer leaves
 * once the latency (the faults' and the tenant's) has passed since the request arrived: the work is
 * done within that wait, as Graph's many servers do it, so that one process answering many batches
 * does not add its own queue to every answer.
 */
export async function handleGraph(
  request: IncomingMessage,
  response: ServerResponse,
  url: URL,
  options: GraphHandlerOptions,
): Promise<void> {
  const arrivedAt = performance.now();
  const { state } = options;
  state.counters.graphRequests += 1;
  const body = request.method === "POST" ? await readBody(request) : "";
  const now = state.now();
  const claims = verifyAccessToken(state.signingKey, bearerToken(request), Math.floor(now.getTime() / 1000));
  const tenant =
    claims === undefined || !GRAPH_AUDIENCES.has(claims.aud) ? undefined : findTenant(state, claims.tid);
  const latencyMs = (options.faults.latencyMs ?? 0) + (tenant?.latencyMs ?? 0);
  const receivedAt = Date.now();
  const throttled = tenant !== undefined && tenant.throttle.remaining > 0;
  if (throttled) tenant.throttle.remaining -= 1;
  const reply = throttled
    ? throttledReply(tenant, now)
    : answer(request, body, url, tenant, options, now, receivedAt);
  options.record?.({
    tenantId: tenant?.id,
    receivedAt,
    method: request.method ?? "GET",
    url: url.toString(),
    requestBody: body,
    status: reply.status,
    body: reply.body,
  });
  const text = JSON.stringify(reply.body ?? {});
  // A refusal for throttling leaves at once, as Graph's front door answers it; the rest wait.
  if (!throttled) await sleep(arrivedAt + latencyMs - performance.now());
  sendJsonText(response, reply.status, text, reply.headers ?? {});
}

/** Graph's answer when an app exceeds its limits in one tenant (429 with `Retry-After`). */
function throttledReply(tenant: EmulatedTenant, now: Date): GraphReply {
  return graphErrorReply(
    429,
    "TooManyRequests",
    "Too many requests for this application in this tenant.",
    now,
    { "retry-after": String(tenant.throttle.retryAfterSeconds) },
  );
}

function answer(
  request: IncomingMessage,
  body: string,
  url: URL,
  tenant: EmulatedTenant | undefined,
  options: GraphHandlerOptions,
  now: Date,
  receivedAt: number,
): GraphReply {
  if (tenant === undefined) {
    return graphErrorReply(401, "InvalidAuthenticationToken", "Access token validation failure.", now);
  }
  const version = url.pathname.split("/")[1] ?? "";
  if (request.method === "POST" && url.pathname === `/${version}/$batch`) {
    const reply = runBatch(body, {
      tenant,
      base: `${url.origin}/${version}`,
      pageSize: options.pageSize,
      now,
      faults: options.faults,
      receivedAt,
      record: options.record,
    });
    options.state.counters.graphBatchedRequests += countRequests(reply);
    return reply;
  }
  if (request.method !== "GET") {
    return badRequest(`The emulator does not serve ${request.method} ${url.pathname}.`, now);
  }
  return tenant.forbidden
    ? accessDenied(now)
    : routeGraphGet({ tenant, url, pageSize: options.pageSize, now });
}

function bearerToken(request: IncomingMessage): string {
  const header = request.headers.authorization ?? "";
  return header.toLowerCase().startsWith("bearer ") ? header.slice(7).trim() : "";
}

function countRequests(reply: GraphReply): number {
  const responses = (reply.body as { responses?: unknown[] } | undefined)?.responses;
  return Array.isArray(responses) ? Math.min(responses.length, MAX_BATCH_REQUESTS) : 0;
}
