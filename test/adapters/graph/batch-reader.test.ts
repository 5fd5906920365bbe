import { describe, expect, it } from "vitest";
import {
  type BatchPoster,
  type BatchRequestItem,
  type GraphRead,
  readBatched,
} from "../../../src/adapters/graph/batch-reader.js";
import { FAST_RETRIES } from "./support/observe-emulator.js";

type Answer = (
  item: BatchRequestItem,
  call: number,
) => { status: number; headers?: Record<string, string>; body?: unknown };

/**
 * A stand-in for Graph's `$batch` endpoint that records every batch it was sent, and how many
 * batches were already in flight when it was (each answer takes a turn of the event loop).
 */
function graphBatch(answer: Answer) {
  const batches: BatchRequestItem[][] = [];
  const inFlightAtSend: number[] = [];
  let inFlight = 0;
  const calls = new Map<string, number>();
  const post: BatchPoster = async (_version, requests) => {
    batches.push([...requests]);
    inFlightAtSend.push(inFlight);
    inFlight += 1;
    await new Promise((resolve) => setImmediate(resolve));
    inFlight -= 1;
    return {
      responses: requests.map((item) => {
        const call = (calls.get(item.url) ?? 0) + 1;
        calls.set(item.url, call);
        return { id: item.id, headers: {}, ...answer(item, call) };
      }),
    };
  };
  return { post, batches, inFlightAtSend };
}

const reads = (count: number): GraphRead[] =>
  Array.from({ length: count }, (_, index) => ({
    key: `r${index}`,
    version: "v1.0",
    path: `/users/u${index}`,
  }));

describe("readBatched", () => {
  it("sends at most 20 requests per batch", async () => {
    const graph = graphBatch(() => ({ status: 200, body: { id: "x" } }));

    const outcomes = await readBatched(graph.post, reads(45), FAST_RETRIES);

    expect(graph.batches.map((batch) => batch.length)).toEqual([20, 20, 5]);
    expect([...outcomes.values()].every((outcome) => outcome.ok)).toBe(true);
  });

  it("retries only the sub-request that was throttled, after its own Retry-After", async () => {
    const graph = graphBatch((item, call) =>
      item.url === "/users/u1" && call === 1
        ? {
            status: 429,
            headers: { "Retry-After": "0" },
            body: { error: { code: "TooManyRequests", message: "slow down" } },
          }
        : { status: 200, body: { id: item.url } },
    );

    const outcomes = await readBatched(graph.post, reads(3), FAST_RETRIES);

    expect(graph.batches.map((batch) => batch.map((item) => item.url))).toEqual([
      ["/users/u0", "/users/u1", "/users/u2"],
      ["/users/u1"],
    ]);
    expect(outcomes.get("r1")).toMatchObject({ ok: true, body: { id: "/users/u1" } });
  });

  it("follows @odata.nextLink as a relative URL and joins the pages", async () => {
    const graph = graphBatch((item) =>
      item.url.includes("skiptoken")
        ? { status: 200, body: { value: [{ id: "b" }] } }
        : {
            status: 200,
            body: {
              value: [{ id: "a" }],
              "@odata.nextLink": "https://graph.microsoft.com/v1.0/applications?$skiptoken=X",
            },
          },
    );

    const outcomes = await readBatched(
      graph.post,
      [{ key: "apps", version: "v1.0", path: "/applications" }],
      FAST_RETRIES,
    );

    expect(graph.batches[1]?.[0]?.url).toBe("/applications?$skiptoken=X");
    expect(outcomes.get("apps")).toMatchObject({ ok: true, values: [{ id: "a" }, { id: "b" }] });
  });

  it("gives up after the policy's attempts with the sub-response's Graph error", async () => {
    const graph = graphBatch(() => ({
      status: 503,
      body: { error: { code: "ServiceUnavailable", message: "busy", innerError: { "request-id": "rid-1" } } },
    }));

    const outcomes = await readBatched(graph.post, reads(1), { ...FAST_RETRIES, maxAttempts: 3 });

    expect(graph.batches).toHaveLength(3);
    expect(outcomes.get("r0")).toEqual({
      ok: false,
      error: { status: 503, code: "ServiceUnavailable", message: "busy", requestId: "rid-1" },
    });
  });

  it("does not retry a 404, which is an answer", async () => {
    const graph = graphBatch(() => ({
      status: 404,
      body: { error: { code: "Request_ResourceNotFound", message: "no" } },
    }));

    const outcomes = await readBatched(graph.post, reads(1), FAST_RETRIES);

    expect(graph.batches).toHaveLength(1);
    expect(outcomes.get("r0")).toMatchObject({ ok: false, error: { status: 404 } });
  });

  it("holds a partial batch while a read that leads to more is in flight, then fills it", async () => {
    const graph = graphBatch((item) => ({ status: 200, body: { value: [{ id: item.url }] } }));
    const leading: GraphRead = { key: "app", version: "v1.0", path: "/applications", leadsToMore: true };
    const followUp = (key: string): GraphRead[] => (key === "app" ? reads(19).map(rename("f")) : []);

    await readBatched(graph.post, [leading, ...reads(20)], FAST_RETRIES, followUp);

    // 21 reads: one full batch leaves; the 21st waits for the app's answer and joins its 19 follow-ups.
    expect(graph.batches.map((batch) => batch.length)).toEqual([20, 20]);
    expect(graph.batches[1]?.map((item) => item.url)).toContain("/users/u19");
  });

  it("sends a partial batch at once when nothing in flight can bring more reads", async () => {
    const graph = graphBatch((item) => ({ status: 200, body: { value: [{ id: item.url }] } }));
    const leading: GraphRead = { key: "app", version: "v1.0", path: "/applications", leadsToMore: true };
    const followUp = (key: string): GraphRead[] => (key === "app" ? reads(29).map(rename("f")) : []);

    await readBatched(graph.post, [leading, ...reads(19)], FAST_RETRIES, followUp);

    // Round 1: the full first batch. Round 2: its 29 follow-ups as 20 + 9, the 9 not held for a
    // third round, because no read that could bring more is in flight any longer.
    expect(graph.batches.map((batch) => batch.length)).toEqual([20, 20, 9]);
    expect(graph.inFlightAtSend).toEqual([0, 0, 1]);
  });
});

function rename(prefix: string) {
  return (read: GraphRead): GraphRead => ({
    ...read,
    key: `${prefix}${read.key}`,
    path: `${read.path}/${prefix}`,
  });
}
