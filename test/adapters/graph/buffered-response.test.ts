import { describe, expect, it } from "vitest";
import { BufferedResponse } from "../../../src/adapters/graph/buffered-response.js";

describe("BufferedResponse", () => {
  const bytes = Buffer.from(JSON.stringify({ value: [{ id: "ä" }] }));
  const make = () =>
    new BufferedResponse(bytes, {
      status: 429,
      statusText: "Too Many Requests",
      headers: [
        ["Retry-After", "3"],
        ["content-type", "application/json"],
      ],
    });

  it("is a Fetch Response with the status and headers it was given", () => {
    const response = make();
    expect(response).toBeInstanceOf(Response);
    expect(response.status).toBe(429);
    expect(response.ok).toBe(false);
    expect(response.statusText).toBe("Too Many Requests");
    expect(response.headers.get("retry-after")).toBe("3");
  });

  it("answers json(), text() and arrayBuffer() from its bytes", async () => {
    expect(await make().json()).toEqual({ value: [{ id: "ä" }] });
    expect(await make().text()).toBe('{"value":[{"id":"ä"}]}');
    expect(Buffer.from(await make().arrayBuffer()).equals(bytes)).toBe(true);
  });

  it("carries no body for a null-body status", async () => {
    const response = new BufferedResponse(Buffer.alloc(0), { status: 204, statusText: "", headers: [] });
    expect(response.status).toBe(204);
    expect(await response.text()).toBe("");
  });
});
