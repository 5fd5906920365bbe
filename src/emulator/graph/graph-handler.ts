import type { IncomingMessage, ServerResponse } from "node:http";
import { CLOUD_ENDPOINTS } from "../../core/identifiers.js";
import { verifyAccessToken } from "../access-tokens.js";
import { type EmulatorState, findTenant } from "../emulator-state.js";
import { type FaultOptions, sleep } from "../faults.js";
import { readBody, sendJson } from "../http-io.js";
import { MAX_BATCH_REQUESTS, runBatch } from "./graph-batch.js";
import { accessDenied, badRequest, type GraphReply, graphErrorReply } from "./graph-reply.js";
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
}

/**
 * Microsoft Graph for `/v1.0/…` and `/beta/…`: checks the bearer token the emulator's token endpoint
 * issued, finds its tenant, applies the tenant's latency and denial, then answers a GET or a `$batch`.
 */
export async function handleGraph(
  request: IncomingMessage,
  response: ServerResponse,
  url: URL,
  options: GraphHandlerOptions,
): Promise<void> {
  const { state } = options;
  state.counters.graphRequests += 1;
  const body = request.method === "POST" ? await readBody(request) : "";
  const now = state.now();
  const claims = verifyAccessToken(state.signingKey, bearerToken(request), Math.floor(now.getTime() / 1000));
  const tenant =
    claims === undefined || !GRAPH_AUDIENCES.has(claims.aud) ? undefined : findTenant(state, claims.tid);
  if (tenant === undefined) {
    send(
      response,
      graphErrorReply(401, "InvalidAuthenticationToken", "Access token validation failure.", now),
    );
    return;
  }
  await sleep(tenant.latencyMs);
  const version = url.pathname.split("/")[1] ?? "";
  if (request.method === "POST" && url.pathname === `/${version}/$batch`) {
    const reply = runBatch(body, {
      tenant,
      base: `${url.origin}/${version}`,
      pageSize: options.pageSize,
      now,
      faults: options.faults,
    });
    state.counters.graphBatchedRequests += countRequests(reply);
    send(response, reply);
    return;
  }
  if (request.method !== "GET") {
    send(response, badRequest(`The emulator does not serve ${request.method} ${url.pathname}.`, now));
    return;
  }
  send(
    response,
    tenant.forbidden ? accessDenied(now) : routeGraphGet({ tenant, url, pageSize: options.pageSize, now }),
  );
}

function bearerToken(request: IncomingMessage): string {
  const header = request.headers.authorization ?? "";
  return header.toLowerCase().startsWith("bearer ") ? header.slice(7).trim() : "";
}

function send(response: ServerResponse, reply: GraphReply): void {
  sendJson(response, reply.status, reply.body ?? {}, reply.headers ?? {});
}

function countRequests(reply: GraphReply): number {
  const responses = (reply.body as { responses?: unknown[] } | undefined)?.responses;
  return Array.isArray(responses) ? Math.min(responses.length, MAX_BATCH_REQUESTS) : 0;
}
