import { isRecord } from "../../core/json/is-record.js";
import type { GraphError as ObservedError } from "../../core/snapshot/snapshot.js";
import { describeFailure, describeSubResponseError } from "./describe-failure.js";
import { isRetryableStatus, type RetryPolicy, retryDelayMs } from "./retry-policy.js";

/** Graph's limit of requests in one JSON batch (docs/snapshot.md#what-the-observer-reads). */
const MAX_BATCH_SIZE = 20;

export type GraphVersion = "v1.0" | "beta";

/** One GET, by a key of the caller's choosing; `path` is relative to the version (`/users/…`). */
export interface GraphRead {
  readonly key: string;
  readonly version: GraphVersion;
  readonly path: string;
  /** Its answer may bring follow-up reads (see `FollowUp`): partial batches wait for it. */
  readonly leadsToMore?: boolean;
}

/** A read's result: the object (and, for a collection, every page's items), or why it failed. */
export type ReadOutcome =
  | {
      readonly ok: true;
      readonly body: Readonly<Record<string, unknown>>;
      readonly values: readonly unknown[] | undefined;
    }
  | { readonly ok: false; readonly error: ObservedError };

/** Sends one `$batch` and returns Graph's parsed answer. */
export type BatchPoster = (version: GraphVersion, requests: readonly BatchRequestItem[]) => Promise<unknown>;

export interface BatchRequestItem {
  readonly id: string;
  readonly method: "GET";
  readonly url: string;
}

interface Pending {
  readonly read: GraphRead;
  readonly url: string;
  readonly attempt: number;
  readonly values: readonly unknown[] | undefined;
  readonly notBefore: number;
}

interface SubResponse {
  readonly id: string;
  readonly status: number;
  readonly headers: Readonly<Record<string, string>>;
  readonly body: unknown;
}

/** Reads that become possible once another read has succeeded (e.g. an app's, once its id is known). */
export type FollowUp = (key: string, outcome: ReadOutcome) => readonly GraphRead[];

/** Called with a sub-response's `Retry-After` (ms): the tenant asked to wait (`TenantLimiter`). */
export type OnRetryAfter = (ms: number) => void;

/**
 * Runs `reads` through `$batch` (at most 20 per batch). A full batch leaves at once; a partial one
 * waits only while a read marked `leadsToMore` is in flight (sent earlier, or in a full batch of
 * its version just now), since its answer may bring reads to fill the batch; otherwise waiting
 * would cost a round trip and save nothing. A sub-response with
 * 429 or a transient 5xx is retried on its own after its own `Retry-After`; `@odata.nextLink` pages
 * are fetched until the collection is complete; `followUp` adds the reads an outcome makes
 * possible, so dependent reads start as soon as they can; `onRetryAfter` hears each sub-response's
 * `Retry-After`, so that the whole tenant waits, not only the read that was refused.
 */
export function readBatched(
  post: BatchPoster,
  reads: readonly GraphRead[],
  policy: RetryPolicy,
  followUp: FollowUp = () => [],
  onRetryAfter: OnRetryAfter = () => undefined,
): Promise<Map<string, ReadOutcome>> {
  const outcomes = new Map<string, ReadOutcome>();
  let queue: Pending[] = reads.map(fresh);
  let inFlight = 0;
  let leadingInFlight = 0;
  let timer: NodeJS.Timeout | undefined;
  return new Promise((resolve) => {
    const settleOutcome = (key: string, outcome: ReadOutcome) => {
      outcomes.set(key, outcome);
      for (const read of followUp(key, outcome)) queue.push(fresh(read));
    };
    const pump = () => {
      clearTimeout(timer);
      const now = Date.now();
      const due: Record<GraphVersion, Pending[]> = { "v1.0": [], beta: [] };
      const later: Pending[] = [];
      for (const pending of queue)
        (pending.notBefore <= now ? due[pending.read.version] : later).push(pending);
      queue = later;
      // A read that leads to more and leaves now holds back only its own version's partial
      // batch: another version's reads due at the same moment go with it (waiting would cost
      // them a round trip, as the beta sign-in read of an app whose id is known).
      const awaitingMore = leadingInFlight > 0;
      for (const ready of Object.values(due)) {
        let start = 0;
        for (; start + MAX_BATCH_SIZE <= ready.length; start += MAX_BATCH_SIZE) {
          send(ready.slice(start, start + MAX_BATCH_SIZE));
        }
        if (start === ready.length) continue;
        const leadingNow = ready.slice(0, start).some((pending) => pending.read.leadsToMore === true);
        if (awaitingMore || leadingNow) queue.push(...ready.slice(start));
        else send(ready.slice(start));
      }
      if (queue.length === 0 && inFlight === 0) {
        resolve(outcomes);
        return;
      }
      if (later.length > 0) {
        const next = Math.min(...later.map((pending) => pending.notBefore));
        timer = setTimeout(pump, next - now);
      }
    };
    const send = (batch: Pending[]) => {
      const leading = batch.some((pending) => pending.read.leadsToMore === true);
      inFlight += 1;
      if (leading) leadingInFlight += 1;
      void sendBatch(post, batch, policy, settleOutcome, onRetryAfter).then((retries) => {
        queue.push(...retries);
        inFlight -= 1;
        if (leading) leadingInFlight -= 1;
        pump();
      });
    };
    pump();
  });
}

function fresh(read: GraphRead): Pending {
  return { read, url: read.path, attempt: 1, values: undefined, notBefore: 0 };
}

/** Sends one batch; settles what it can and returns the reads to send again (retries, next pages). */
async function sendBatch(
  post: BatchPoster,
  batch: readonly Pending[],
  policy: RetryPolicy,
  settleOutcome: (key: string, outcome: ReadOutcome) => void,
  onRetryAfter: OnRetryAfter,
): Promise<Pending[]> {
  const version = batch[0]?.read.version ?? "v1.0";
  let answer: unknown;
  try {
    answer = await post(
      version,
      batch.map((pending, index) => ({ id: String(index + 1), method: "GET", url: pending.url })),
    );
  } catch (error) {
    // The middleware already retried the whole batch; what is left is this batch's final failure.
    const failure = describeFailure(error);
    for (const pending of batch) settleOutcome(pending.read.key, { ok: false, error: failure });
    return [];
  }
  const responses = subResponses(answer);
  const again: Pending[] = [];
  batch.forEach((pending, index) => {
    const response = responses.get(String(index + 1));
    const next =
      response === undefined
        ? retryMissing(pending, policy)
        : settle(pending, response, policy, onRetryAfter);
    if ("ok" in next) settleOutcome(pending.read.key, next);
    else again.push(next);
  });
  return again;
}

function settle(
  pending: Pending,
  response: SubResponse,
  policy: RetryPolicy,
  onRetryAfter: OnRetryAfter,
): Pending | ReadOutcome {
  if (response.status >= 200 && response.status < 300) {
    const body = isRecord(response.body) ? response.body : {};
    if (!Array.isArray(body.value)) return { ok: true, body, values: undefined };
    const values = [...(pending.values ?? []), ...body.value];
    const nextLink = body["@odata.nextLink"];
    if (typeof nextLink !== "string") return { ok: true, body, values };
    return {
      read: pending.read,
      url: relativeTo(nextLink, pending.read.version),
      attempt: 1,
      values,
      notBefore: 0,
    };
  }
  const error = describeSubResponseError(response.status, response.body);
  if (!isRetryableStatus(response.status)) return { ok: false, error };
  const retryAfter = header(response.headers, "retry-after");
  const delay = retryDelayMs(policy, pending.attempt, retryAfter);
  if (delay === undefined) return { ok: false, error };
  if (retryAfter !== undefined) onRetryAfter(delay);
  return { ...pending, attempt: pending.attempt + 1, notBefore: Date.now() + delay };
}

/** Graph answers every sub-request; a missing one is treated like a transient failure. */
function retryMissing(pending: Pending, policy: RetryPolicy): Pending | ReadOutcome {
  const delay = retryDelayMs(policy, pending.attempt, undefined);
  if (delay === undefined) {
    return {
      ok: false,
      error: { code: "BatchResponseMissing", message: "Graph's batch answer left this request out" },
    };
  }
  return { ...pending, attempt: pending.attempt + 1, notBefore: Date.now() + delay };
}

function subResponses(answer: unknown): Map<string, SubResponse> {
  const list = isRecord(answer) && Array.isArray(answer.responses) ? answer.responses : [];
  const byId = new Map<string, SubResponse>();
  for (const entry of list) {
    if (!isRecord(entry) || typeof entry.id !== "string" || typeof entry.status !== "number") continue;
    const headers = isRecord(entry.headers) ? (entry.headers as Record<string, string>) : {};
    byId.set(entry.id, { id: entry.id, status: entry.status, headers, body: entry.body });
  }
  return byId;
}

/** `@odata.nextLink` is absolute; inside a batch it must be relative to the version. */
function relativeTo(nextLink: string, version: GraphVersion): string {
  const url = new URL(nextLink);
  const marker = `/${version}/`;
  const at = url.pathname.indexOf(marker);
  const path = at === -1 ? url.pathname : url.pathname.slice(at + marker.length - 1);
  return `${path}${url.search}`;
}

function header(headers: Readonly<Record<string, string>>, name: string): string | undefined {
  const entry = Object.entries(headers).find(([key]) => key.toLowerCase() === name);
  return entry?.[1];
}
