import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { chooseFault, type FaultKind, type FaultOptions, sleep, writeFault } from "../faults.js";
import { readBody } from "../http-io.js";
import { errorReply, type GitHubReply, parseJsonBody } from "./github-http.js";
import { errorForWrite, type Route, routes } from "./github-routes.js";
import { GitHubState, type StoredUser } from "./github-state.js";
import { authenticatedUserRoute } from "./github-user-route.js";

/**
 * Who a token authenticates as, and whether it may write (a fork PR's token may not). A login
 * that ends in `[bot]` is an app's installation token (the workflow's `GITHUB_TOKEN`), which
 * `GET /user` refuses; any other is a person's token.
 */
export interface EmulatedToken {
  readonly login: string;
  readonly access: "write" | "read";
}

export interface GitHubEmulatorOptions {
  /** Port on 127.0.0.1; 0 (default) picks a free one. */
  readonly port?: number;
  /** Accepted tokens. Default: `emulator-token`, writing as `github-actions[bot]`. */
  readonly tokens?: Readonly<Record<string, EmulatedToken>>;
  /** Repositories that exist from the start (`owner/name`). Default: `octo-org/partner-config`. */
  readonly repositories?: readonly string[];
  /** Random faults on every request (latency, 429, 5xx, drops); the object may change later. */
  readonly faults?: FaultOptions;
  /** Requests per rate-limit window before GitHub's primary limit answers 403. Default 5,000. */
  readonly rateLimit?: number;
  readonly now?: () => Date;
}

/** One request as the emulator saw it, for counting writes and checking contracts in tests. */
export interface RecordedRequest {
  readonly method: string;
  readonly path: string;
  readonly query: Readonly<Record<string, string>>;
  /** The OpenAPI `operationId` the request matched, if any. */
  readonly operationId: string | undefined;
  /** 0 when the connection was dropped. */
  readonly status: number;
  /** The raw request body text (the token travels in a header and is not recorded). */
  readonly requestBody: string;
  readonly responseBody: unknown;
  readonly fault: FaultKind | undefined;
  /** `Date.now()` when the request arrived and when it was answered, for benchmarks. */
  readonly receivedAt: number;
  readonly answeredAt: number;
}

/**
 * A one-shot fault for the next request matching `operationId`. `after: true` applies the request
 * first and then fails, so the client cannot know whether it took effect (a lost response).
 */
export interface ScriptedFault {
  readonly operationId: string;
  readonly kind: FaultKind;
  readonly after?: boolean;
}

export interface RateLimitWindow {
  limit: number;
  remaining: number;
  /** Epoch seconds when the window resets. */
  reset: number;
}

export interface GitHubEmulator {
  /** Base URL for `GITHUB_API_URL` / Octokit's `baseUrl`. */
  readonly url: string;
  readonly state: GitHubState;
  readonly requests: RecordedRequest[];
  readonly faults: FaultOptions;
  readonly rateLimit: RateLimitWindow;
  failNext(fault: ScriptedFault): void;
  /** Requests that change something (POST, PATCH, PUT, DELETE) and succeeded. */
  writes(): RecordedRequest[];
  close(): Promise<void>;
}

const DEFAULT_TOKENS: Readonly<Record<string, EmulatedToken>> = {
  "emulator-token": { login: "github-actions[bot]", access: "write" },
};

/** Starts the GitHub REST emulator on 127.0.0.1 (the endpoints cspops's GitHub port uses). */
export async function startGitHubEmulator(options: GitHubEmulatorOptions = {}): Promise<GitHubEmulator> {
  const now = options.now ?? (() => new Date());
  const state = new GitHubState(now);
  for (const repository of options.repositories ?? ["octo-org/partner-config"])
    state.addRepository(repository);
  const tokens = options.tokens ?? DEFAULT_TOKENS;
  const faults: FaultOptions = { ...options.faults };
  const limit = options.rateLimit ?? 5_000;
  const rateLimit: RateLimitWindow = {
    limit,
    remaining: limit,
    reset: Math.floor(now().getTime() / 1000) + 3600,
  };
  const requests: RecordedRequest[] = [];
  const scripted: ScriptedFault[] = [];
  let served = 0;
  let url = "";

  const server = createServer((request, response) => {
    // A body over the emulator's limit, or a request that breaks off: no answer but a closed socket.
    handle(request, response).catch(() => response.destroy());
  });

  async function handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const receivedAt = Date.now();
    const requestBody = await readBody(request);
    await sleep(faults.latencyMs ?? 0);
    const requestUrl = new URL(request.url ?? "/", url);
    const method = request.method ?? "GET";
    const userRoute = method === "GET" && authenticatedUserRoute.pattern.test(requestUrl.pathname);
    const match = userRoute ? undefined : matchRoute(method, requestUrl.pathname);
    const record = (status: number, responseBody: unknown, fault?: FaultKind) =>
      requests.push({
        method,
        path: requestUrl.pathname,
        query: Object.fromEntries(requestUrl.searchParams),
        operationId: userRoute ? authenticatedUserRoute.operationId : match?.route.operationId,
        status,
        requestBody,
        responseBody,
        fault,
        receivedAt,
        answeredAt: Date.now(),
      });
    served += 1;
    const requestId = `E${served.toString(16).toUpperCase().padStart(3, "0")}:7C2A:${(0x1f00 + served).toString(16).toUpperCase()}:2B4D:6560A1B2`;
    const common = { "x-github-request-id": requestId, "x-github-api-version-selected": "2022-11-28" };

    const operationId = userRoute ? authenticatedUserRoute.operationId : match?.route.operationId;
    const index = scripted.findIndex((fault) => fault.operationId === operationId);
    const oneShot = index >= 0 ? scripted.splice(index, 1)[0] : undefined;
    const randomFault = oneShot === undefined ? chooseFault(faults) : undefined;
    const fail = (kind: FaultKind, appliedReply: unknown) => {
      record(kind === "drop" ? 0 : Number(kind), appliedReply, kind);
      writeFault(response, kind, { ...faults, errorBody: gitHubFaultBody });
    };
    const fault = randomFault ?? (oneShot?.after === true ? undefined : oneShot?.kind);
    if (fault !== undefined) return fail(fault, undefined);

    const reply = answer(request, requestUrl, requestBody, userRoute ? "user" : match);
    // `after`: the request took effect, but the client only sees the fault.
    if (oneShot !== undefined) return fail(oneShot.kind, reply.body);
    record(reply.status, reply.body);
    const headers = { ...common, ...rateLimitHeaders(), ...reply.headers };
    if (reply.body === undefined) {
      response.writeHead(reply.status, headers).end();
      return;
    }
    response
      .writeHead(reply.status, { ...headers, "content-type": "application/json; charset=utf-8" })
      .end(JSON.stringify(reply.body));
  }

  function answer(
    request: IncomingMessage,
    requestUrl: URL,
    requestBody: string,
    match: { route: Route; params: Record<string, string> } | "user" | undefined,
  ): GitHubReply {
    const user = authenticate(request.headers.authorization);
    if (user === undefined) {
      const message =
        request.headers.authorization === undefined ? "Requires authentication" : "Bad credentials";
      return errorReply(401, message);
    }
    if (rateLimit.remaining <= 0) {
      return errorReply(403, `API rate limit exceeded for user ID ${user.user.id}.`, {
        documentationUrl: "https://docs.github.com/rest/overview/rate-limits-for-the-rest-api",
      });
    }
    rateLimit.remaining -= 1;
    if (match === "user") return authenticatedUserRoute.handle(user.user, { api: url, html: url });
    if (match === undefined) return errorReply(404, "Not Found");
    const repository = state.findRepository(`${match.params.owner}/${match.params.repo}`);
    if (repository === undefined) return errorReply(404, "Not Found");
    if (match.route.write && user.access !== "write") return errorForWrite(match.route);
    const body = parseJsonBody(requestBody);
    if (body instanceof Error) return errorReply(400, body.message);
    const urls = { api: url, html: url };
    return match.route.handle({
      state,
      repository,
      params: match.params,
      url: requestUrl,
      body,
      user: user.user,
      urls,
    });
  }

  function authenticate(
    header: string | undefined,
  ): { user: StoredUser; access: "write" | "read" } | undefined {
    const token = header?.replace(/^(token|bearer)\s+/i, "");
    const known = token === undefined ? undefined : tokens[token];
    return known === undefined ? undefined : { user: state.user(known.login), access: known.access };
  }

  function rateLimitHeaders(): Record<string, string> {
    return {
      "x-ratelimit-limit": String(rateLimit.limit),
      "x-ratelimit-remaining": String(Math.max(0, rateLimit.remaining)),
      "x-ratelimit-reset": String(rateLimit.reset),
      "x-ratelimit-used": String(rateLimit.limit - Math.max(0, rateLimit.remaining)),
      "x-ratelimit-resource": "core",
    };
  }

  await new Promise<void>((resolve) => server.listen(options.port ?? 0, "127.0.0.1", resolve));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  return {
    url,
    state,
    requests,
    faults,
    rateLimit,
    failNext: (fault) => scripted.push(fault),
    writes: () => requests.filter((r) => r.method !== "GET" && r.status >= 200 && r.status < 300),
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((error) => (error === undefined ? resolve() : reject(error)));
      }),
  };
}

function matchRoute(
  method: string,
  path: string,
): { route: Route; params: Record<string, string> } | undefined {
  for (const route of routes) {
    if (route.method !== method) continue;
    const found = route.pattern.exec(path);
    if (found !== null) return { route, params: { ...found.groups } };
  }
  return undefined;
}

/** GitHub answers a secondary rate limit with 429 (or 403) and this message; 5xx with a short one. */
function gitHubFaultBody(status: number): unknown {
  const message =
    status === 429
      ? "You have exceeded a secondary rate limit. Please wait a few minutes before you try again."
      : status === 502
        ? "Server Error"
        : "Service Unavailable";
  return {
    message,
    documentation_url: "https://docs.github.com/rest/overview/rate-limits-for-the-rest-api",
    status: String(status),
  };
}
