import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { type GitHubEmulator, startGitHubEmulator } from "../../../src/emulator/github/github-emulator.js";
import { createContractChecker } from "./openapi-contract.js";

const REPO = "octo-org/partner-config";
const contract = createContractChecker();
let emulator: GitHubEmulator;

beforeEach(async () => {
  emulator = await startGitHubEmulator({
    tokens: {
      "write-token": { login: "github-actions[bot]", access: "write" },
      "read-token": { login: "github-actions[bot]", access: "read" },
    },
  });
});

afterEach(async () => {
  await emulator.close();
});

function call(method: string, path: string, options: { token?: string | null; body?: unknown } = {}) {
  const token = options.token === undefined ? "write-token" : options.token;
  return fetch(`${emulator.url}${path}`, {
    method,
    headers: {
      accept: "application/vnd.github+json",
      ...(token === null ? {} : { authorization: `token ${token}` }),
      ...(options.body === undefined ? {} : { "content-type": "application/json" }),
    },
    ...(options.body === undefined ? {} : { body: JSON.stringify(options.body) }),
  });
}

describe("GitHub emulator", () => {
  it("serves comments, issues, labels and PR files in the shapes of GitHub's OpenAPI description", async () => {
    const pull = emulator.state.addPullRequest(REPO, { files: ["instances/contoso-primary.yaml"] });
    emulator.state.addComment(REPO, pull, "LGTM");

    const created = await call("POST", `/repos/${REPO}/issues/${pull}/comments`, { body: { body: "hello" } });
    const { id } = (await created.json()) as { id: number };
    await call("PATCH", `/repos/${REPO}/issues/comments/${id}`, { body: { body: "hello again" } });
    await call("GET", `/repos/${REPO}/issues/${pull}/comments?per_page=100`);
    await call("DELETE", `/repos/${REPO}/issues/comments/${id}`);
    await call("GET", `/repos/${REPO}/labels/cspops-drift`);
    await call("POST", `/repos/${REPO}/labels`, { body: { name: "cspops-drift", color: "d93f0b" } });
    await call("POST", `/repos/${REPO}/labels`, { body: { name: "CSPOPS-drift" } });
    await call("POST", `/repos/${REPO}/issues`, {
      body: { title: "Drift", body: "b", labels: ["cspops-drift"] },
    });
    await call("PATCH", `/repos/${REPO}/issues/2`, { body: { state: "closed", state_reason: "completed" } });
    await call("GET", `/repos/${REPO}/issues?state=all&labels=cspops-drift&per_page=100`);
    await call("GET", `/repos/${REPO}/pulls/${pull}/files?per_page=100`);

    expect(emulator.requests.map((r) => r.status)).toEqual([
      201, 200, 200, 204, 404, 201, 422, 201, 200, 200, 200,
    ]);
    expect(contract.checkAll(emulator.requests)).toEqual([]);
  });

  it("pages with per_page, page and a Link header the way GitHub does", async () => {
    const pull = emulator.state.addPullRequest(REPO, { files: [] });
    for (let index = 0; index < 250; index += 1) emulator.state.addComment(REPO, pull, `comment ${index}`);

    const first = await call("GET", `/repos/${REPO}/issues/${pull}/comments?per_page=100`);
    const last = await call("GET", `/repos/${REPO}/issues/${pull}/comments?per_page=100&page=3`);

    expect(((await first.json()) as unknown[]).length).toBe(100);
    expect(first.headers.get("link")).toBe(
      `<${emulator.url}/repos/${REPO}/issues/${pull}/comments?per_page=100&page=2>; rel="next", ` +
        `<${emulator.url}/repos/${REPO}/issues/${pull}/comments?per_page=100&page=3>; rel="last"`,
    );
    expect(((await last.json()) as { body: string }[]).map((c) => c.body).at(-1)).toBe("comment 249");
    expect(last.headers.get("link")).not.toContain('rel="next"');
  });

  it("refuses a body over 65,536 characters with GitHub's 422 validation error", async () => {
    const pull = emulator.state.addPullRequest(REPO, { files: [] });

    const tooLong = await call("POST", `/repos/${REPO}/issues/${pull}/comments`, {
      body: { body: "x".repeat(65_537) },
    });
    const atLimit = await call("POST", `/repos/${REPO}/issues/${pull}/comments`, {
      body: { body: "x".repeat(65_536) },
    });

    expect(tooLong.status).toBe(422);
    expect(await tooLong.json()).toMatchObject({
      message: "Validation Failed",
      errors: [
        {
          resource: "IssueComment",
          field: "body",
          message: "body is too long (maximum is 65536 characters)",
        },
      ],
    });
    expect(atLimit.status).toBe(201);
    expect(contract.checkAll(emulator.requests)).toEqual([]);
  });

  it("answers 401 without a token or with an unknown one, and 403 to a read-only token's write", async () => {
    const pull = emulator.state.addPullRequest(REPO, { files: [] });

    const anonymous = await call("GET", `/repos/${REPO}/issues/${pull}/comments`, { token: null });
    const unknown = await call("GET", `/repos/${REPO}/issues/${pull}/comments`, { token: "nope" });
    const readOnly = await call("POST", `/repos/${REPO}/issues/${pull}/comments`, {
      token: "read-token",
      body: { body: "hi" },
    });
    const readOnlyRead = await call("GET", `/repos/${REPO}/issues/${pull}/comments`, { token: "read-token" });

    expect([anonymous.status, unknown.status, readOnly.status, readOnlyRead.status]).toEqual([
      401, 401, 403, 200,
    ]);
    expect(await anonymous.json()).toMatchObject({ message: "Requires authentication", status: "401" });
    expect(await unknown.json()).toMatchObject({ message: "Bad credentials" });
    expect(await readOnly.json()).toMatchObject({ message: "Resource not accessible by integration" });
    expect(readOnly.headers.get("x-accepted-github-permissions")).toBe("issues=write; pull_requests=write");
    expect(emulator.state.commentsOn(REPO, pull)).toEqual([]);
  });

  it("answers 404 for an unknown repository, pull request or comment", async () => {
    const missingRepo = await call("GET", "/repos/octo-org/nope/issues/1/comments");
    const missingPull = await call("GET", `/repos/${REPO}/pulls/99/files`);
    const missingComment = await call("PATCH", `/repos/${REPO}/issues/comments/5`, { body: { body: "x" } });

    expect([missingRepo.status, missingPull.status, missingComment.status]).toEqual([404, 404, 404]);
    expect(await missingRepo.json()).toEqual({
      message: "Not Found",
      documentation_url: "https://docs.github.com/rest",
      status: "404",
    });
  });

  it("injects a scripted 502, a lost response that took effect, and a dropped connection", async () => {
    const pull = emulator.state.addPullRequest(REPO, { files: [] });
    emulator.failNext({ operationId: "issues/create-comment", kind: "502" });
    emulator.failNext({ operationId: "issues/create-comment", kind: "502", after: true });
    emulator.failNext({ operationId: "issues/create-comment", kind: "drop" });

    const rejected = await call("POST", `/repos/${REPO}/issues/${pull}/comments`, { body: { body: "one" } });
    const lost = await call("POST", `/repos/${REPO}/issues/${pull}/comments`, { body: { body: "two" } });
    const dropped = call("POST", `/repos/${REPO}/issues/${pull}/comments`, { body: { body: "three" } });

    expect(rejected.status).toBe(502);
    expect(await rejected.json()).toMatchObject({ message: "Server Error", status: "502" });
    expect(lost.status).toBe(502);
    await expect(dropped).rejects.toThrow();
    expect(emulator.state.commentsOn(REPO, pull).map((c) => c.body)).toEqual(["two"]);
  });

  it("throttles with 429 and retry-after, and answers 403 when the rate limit is used up", async () => {
    emulator.faults.failureRate = 1;
    emulator.faults.kinds = ["429"];
    emulator.faults.retryAfterSeconds = 7;

    const throttled = await call("GET", `/repos/${REPO}/issues`);
    emulator.faults.failureRate = 0;
    emulator.rateLimit.remaining = 0;
    const exhausted = await call("GET", `/repos/${REPO}/issues`);

    expect(throttled.status).toBe(429);
    expect(throttled.headers.get("retry-after")).toBe("7");
    expect(await throttled.json()).toMatchObject({
      message: expect.stringContaining("secondary rate limit"),
    });
    expect(exhausted.status).toBe(403);
    expect(exhausted.headers.get("x-ratelimit-remaining")).toBe("0");
    expect(await exhausted.json()).toMatchObject({
      message: expect.stringContaining("API rate limit exceeded"),
    });
  });
});

describe("the OpenAPI contract check", () => {
  it("rejects what GitHub would not send or accept, so a pass means something", () => {
    const exchange = {
      method: "POST",
      path: `/repos/${REPO}/issues/1/comments`,
      query: { per_page: "many" },
      operationId: "issues/create-comment",
      status: 201,
      requestBody: JSON.stringify({ text: "hello" }),
      responseBody: { id: "1", body: "hello" },
      fault: undefined,
      receivedAt: 0,
      answeredAt: 0,
    };

    const problems = contract.check(exchange);

    expect(problems).toEqual([
      expect.stringContaining("query parameter per_page is not defined"),
      expect.stringContaining("request: data must have required property 'body'"),
      expect.stringMatching(/201 response: .*required property 'node_id'.*data\/id must be integer/),
    ]);
  });
});
