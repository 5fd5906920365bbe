import type { EmulatedTenant } from "../emulator-state.js";
import { chooseFault, describeFault, type FaultKind, type FaultOptions } from "../faults.js";
import {
  accessDenied,
  badRequest,
  type GraphReply,
  graphErrorReply,
  type RecordedGraphExchange,
} from "./graph-reply.js";
import { routeGraphGet } from "./graph-routes.js";

/** Graph's documented limit of requests in one JSON batch. */
export const MAX_BATCH_REQUESTS = 20;

export interface BatchContext {
  readonly tenant: EmulatedTenant;
  /** `{origin}/{version}`: what relative sub-request URLs resolve against. */
  readonly base: string;
  readonly pageSize: number;
  readonly now: Date;
  /** Faults for individual sub-requests (429 with its own `Retry-After`, 5xx); drops do not apply. */
  readonly faults: FaultOptions;
  /** When the `$batch` request arrived (epoch ms), for `record`. */
  readonly receivedAt: number;
  /** Sees each sub-request and its answer (contract tests). */
  readonly record?: ((exchange: RecordedGraphExchange) => void) | undefined;
}

const HTTP_FAULTS: readonly FaultKind[] = ["429", "500", "502", "503"];

interface SubRequest {
  readonly id: string;
  readonly method: string;
  readonly url: string;
}

/**
 * `POST /{version}/$batch`: runs each GET sub-request and answers `{ responses: [{ id, status,
 * headers, body }] }`. Each sub-response may fail on its own, as Graph's do.
 */
export function runBatch(bodyText: string, context: BatchContext): GraphReply {
  const requests = parseBatch(bodyText);
  if (typeof requests === "string") return badRequest(requests, context.now);
  const responses = requests.map((request) => {
    const reply = answer(request, context);
    context.record?.({
      tenantId: context.tenant.id,
      receivedAt: context.receivedAt,
      method: request.method,
      url: `${context.base}/${request.url.replace(/^\/+/, "")}`,
      status: reply.status,
      body: reply.body,
    });
    return { id: request.id, ...toSubResponse(reply) };
  });
  return { status: 200, body: { responses } };
}

function answer(request: SubRequest, context: BatchContext): GraphReply {
  if (context.tenant.forbidden) return accessDenied(context.now);
  const kinds = (context.faults.kinds ?? HTTP_FAULTS).filter((kind) => kind !== "drop");
  const fault = kinds.length === 0 ? undefined : chooseFault({ ...context.faults, kinds });
  if (fault !== undefined && fault !== "drop") {
    const { status, code, headers } = describeFault(fault, context.faults);
    return graphErrorReply(status, code, `Injected fault: ${code}`, context.now, headers);
  }
  if (request.method.toUpperCase() !== "GET") {
    return badRequest(`The emulator serves only GET in a batch, not ${request.method}.`, context.now);
  }
  const relative = request.url.replace(/^\/+/, "");
  return routeGraphGet({
    tenant: context.tenant,
    url: new URL(`${context.base}/${relative}`),
    pageSize: context.pageSize,
    now: context.now,
  });
}

function toSubResponse(reply: GraphReply): {
  status: number;
  headers: Record<string, string>;
  body?: unknown;
} {
  const headers: Record<string, string> = { "Content-Type": "application/json" };
  const retryAfter = reply.headers?.["retry-after"];
  if (retryAfter !== undefined) headers["Retry-After"] = retryAfter;
  return { status: reply.status, headers, ...(reply.body === undefined ? {} : { body: reply.body }) };
}

/** The sub-requests, or why the batch is malformed (Graph answers 400 for the whole batch). */
function parseBatch(text: string): readonly SubRequest[] | string {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch {
    return "Invalid JSON in the batch request body.";
  }
  const requests = (data as { requests?: unknown } | null)?.requests;
  if (!Array.isArray(requests) || requests.length === 0)
    return "The batch request must have a 'requests' array.";
  if (requests.length > MAX_BATCH_REQUESTS) {
    return `The number of requests in the batch exceeds the limit of ${MAX_BATCH_REQUESTS}.`;
  }
  const parsed: SubRequest[] = [];
  const ids = new Set<string>();
  for (const entry of requests as unknown[]) {
    const { id, method, url } = (entry ?? {}) as Record<string, unknown>;
    if (typeof id !== "string" || typeof method !== "string" || typeof url !== "string") {
      return "Each batch request needs string 'id', 'method' and 'url'.";
    }
    // Graph compares batch ids without regard to case (learn.microsoft.com/graph/json-batching).
    if (ids.has(id.toLowerCase())) return `Duplicate request id '${id}' in the batch.`;
    ids.add(id.toLowerCase());
    parsed.push({ id, method, url });
  }
  return parsed;
}
