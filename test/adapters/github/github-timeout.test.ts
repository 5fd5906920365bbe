import { createServer as createHttpServer } from "node:http";
import type { AddressInfo } from "node:net";
import { createServer, type Server, type Socket } from "node:net";
import { afterEach, describe, expect, it } from "vitest";
import { createGitHubPort } from "../../../src/adapters/github/create-github-port.js";
import { DEFAULT_GITHUB_TIMEOUT_MS, type GitHubPort } from "../../../src/adapters/github/github-port.js";
import { ServiceError } from "../../../src/core/diagnostics/errors.js";
import { renderError } from "../../../src/render/render-error.js";

const MARKER = "<!-- cspops:reconcile -->";
const TIMEOUT_MS = 300;
let server: Server | undefined;
const sockets = new Set<Socket>();
let connections = 0;

afterEach(async () => {
  for (const socket of sockets) socket.destroy();
  sockets.clear();
  connections = 0;
  await new Promise<void>((resolve) => (server === undefined ? resolve() : server.close(() => resolve())));
  server = undefined;
});

async function listen(made: Server): Promise<string> {
  server = made;
  made.on("connection", (socket: Socket) => {
    connections += 1;
    sockets.add(socket);
  });
  await new Promise<void>((resolve) => made.listen(0, "127.0.0.1", resolve));
  return `http://127.0.0.1:${(made.address() as AddressInfo).port}`;
}

/** Accepts every connection and never sends a byte. */
const silentServer = () => listen(createServer(() => undefined));

/** Sends the status line and headers, then part of the body, and stalls. */
const stallingServer = () =>
  listen(
    createHttpServer((_request, response) => {
      response.writeHead(200, { "content-type": "application/json; charset=utf-8" });
      response.write("[");
    }),
  );

const port = (apiUrl: string): GitHubPort =>
  createGitHubPort(
    { token: "emulator-token", owner: "octo-org", repo: "partner-config", apiUrl },
    { throttle: false, retryBaseMs: 5, requestTimeoutMs: TIMEOUT_MS },
  );

async function timeoutOf(call: () => Promise<unknown>): Promise<{ error: ServiceError; elapsedMs: number }> {
  const started = Date.now();
  const error = await call().then(
    () => undefined,
    (caught: unknown) => caught,
  );
  const elapsedMs = Date.now() - started;
  expect(error).toBeInstanceOf(ServiceError);
  return { error: error as ServiceError, elapsedMs };
}

describe("every GitHub request has a deadline", () => {
  it("a server that accepts and never answers: one timeout, not retried, exit 3, no stack", async () => {
    const url = await silentServer();

    const { error, elapsedMs } = await timeoutOf(() =>
      port(url).ensureComment({ issueNumber: 1, marker: MARKER, body: `${MARKER}\nreport` }),
    );

    expect(error).toMatchObject({ code: "timeout", exitCode: 3 });
    expect(error.message).toBe(
      `GitHub at ${url} did not answer within 0.3 s when cspops tried to read the comments of pull request #1`,
    );
    expect(renderError(error)).not.toMatch(/\n\s+at /);
    expect(elapsedMs).toBeGreaterThanOrEqual(TIMEOUT_MS - 20);
    expect(elapsedMs).toBeLessThan(3_000);
    expect(connections).toBe(1);
  });

  it("a server that sends headers and then stalls the body times out too", async () => {
    const url = await stallingServer();

    const { error, elapsedMs } = await timeoutOf(() => port(url).listPullRequestFiles(1));

    expect(error.code).toBe("timeout");
    expect(elapsedMs).toBeLessThan(3_000);
  });

  it("the dashboard issue's requests time out the same way", async () => {
    const url = await silentServer();

    const { error } = await timeoutOf(() =>
      port(url).ensureIssue({
        marker: "<!-- cspops:drift -->",
        label: { name: "cspops-drift", color: "d93f0b", description: "drift" },
        title: "cspops drift",
        body: "<!-- cspops:drift -->\nbody",
      }),
    );

    expect(error.message).toContain("when cspops tried to list the repository's issues");
  });

  it("by default a request may take 15 s, so a silent GitHub fails a run well within 60 s", () => {
    expect(DEFAULT_GITHUB_TIMEOUT_MS).toBe(15_000);
    // Worst case, every create hangs: three tries and their 1 s and 4 s back-offs.
    expect(3 * DEFAULT_GITHUB_TIMEOUT_MS + 5_000).toBeLessThan(60_000);
  });
});
