import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { GitHubClientOptions, GitHubPort } from "../../../src/adapters/github/github-port.js";
import { ServiceError } from "../../../src/core/diagnostics/errors.js";
import { type GitHubEmulator, startGitHubEmulator } from "../../../src/emulator/github/github-emulator.js";
import { renderError } from "../../../src/render/render-error.js";
import { emulatedGitHubPort } from "../../support/github-port.js";

const CANARY_TOKEN = "ghs_CanaryToken0123456789abcdefghijklmnopq";
const READ_ONLY_CANARY = "ghs_ReadOnlyCanary0123456789abcdefghijklm";
const MARKER = "<!-- cspops:reconcile -->";
const COMMENT = { issueNumber: 1, marker: MARKER, body: `${MARKER}\nhello` };
const DRIFT = {
  marker: "<!-- cspops:drift -->",
  label: { name: "cspops-drift", color: "d93f0b", description: "drift" },
  title: "cspops drift",
  body: "<!-- cspops:drift -->\nbody",
};
let emulator: GitHubEmulator;

beforeEach(async () => {
  emulator = await startGitHubEmulator({
    tokens: {
      [CANARY_TOKEN]: { login: "github-actions[bot]", access: "write" },
      [READ_ONLY_CANARY]: { login: "github-actions[bot]", access: "read" },
    },
  });
  emulator.state.addPullRequest("octo-org/partner-config", { files: [] });
});

afterEach(async () => {
  await emulator.close();
});

/** The port as the canary token, unless `overrides` names another (or `token: undefined`). */
function port(
  overrides: { token?: string | undefined; repo?: string; apiUrl?: string } = {},
  options?: GitHubClientOptions,
): GitHubPort {
  return emulatedGitHubPort(emulator, { token: CANARY_TOKEN, ...overrides }, options);
}

/** The error a call rejects with, checked to be a GitHub ServiceError that carries no token. */
async function failureOf(call: () => Promise<unknown>): Promise<ServiceError> {
  const error = await call().then(
    () => undefined,
    (caught: unknown) => caught,
  );
  expect(error).toBeInstanceOf(ServiceError);
  const serviceError = error as ServiceError;
  const printed = renderError(serviceError);
  for (const secret of [CANARY_TOKEN, READ_ONLY_CANARY]) {
    expect(printed).not.toContain(secret);
    expect(JSON.stringify({ ...serviceError, message: serviceError.message })).not.toContain(secret);
  }
  expect(printed).not.toMatch(/\n\s+at /);
  expect(serviceError.exitCode).toBe(3);
  return serviceError;
}

describe("GitHub errors say what to fix", () => {
  it("a missing token fails before any request", async () => {
    const error = await failureOf(async () => port({ token: undefined }));

    expect(error.message).toBe("no GitHub token: GITHUB_TOKEN is not set");
    // biome-ignore lint/suspicious/noTemplateCurlyInString: a GitHub Actions expression.
    expect(error.hint).toContain("GITHUB_TOKEN: ${{ secrets.GITHUB_TOKEN }}");
    expect(emulator.requests).toEqual([]);
  });

  it("a token GitHub rejects (401)", async () => {
    const error = await failureOf(() => port({ token: `${CANARY_TOKEN}x` }).ensureComment(COMMENT));

    expect(error).toMatchObject({ status: 401, code: "bad-credentials" });
    expect(error.message).toBe("GitHub did not accept the token (Bad credentials)");
  });

  it("a read-only token names the permission the job needs (403)", async () => {
    const comment = await failureOf(() => port({ token: READ_ONLY_CANARY }).ensureComment(COMMENT));
    const issue = await failureOf(() => port({ token: READ_ONLY_CANARY }).ensureIssue(DRIFT));

    expect(comment.message).toBe(
      "the token may not comment on pull request #1 in octo-org/partner-config (Resource not accessible by integration)",
    );
    expect(comment.hint).toContain("`permissions: pull-requests: write`");
    expect(comment.requestId).toMatch(/^E[0-9A-F]+:/);
    expect(issue.hint).toContain("`permissions: issues: write`");
  });

  it("an unknown repository or pull request (404)", async () => {
    const repository = await failureOf(() => port({ repo: "no-such-repo" }).ensureComment(COMMENT));
    const pull = await failureOf(() => port().listPullRequestFiles(42));

    expect(repository.message).toBe(
      "pull request #1 not found in octo-org/no-such-repo, or the token cannot see it",
    );
    expect(repository.hint).toContain("GITHUB_REPOSITORY");
    expect(pull).toMatchObject({ status: 404, code: "not-found" });
  });

  it("a used-up rate limit says until when (403, x-ratelimit-remaining: 0)", async () => {
    emulator.rateLimit.remaining = 0;
    emulator.rateLimit.reset = Date.parse("2026-11-20T11:00:00Z") / 1000;

    const error = await failureOf(() => port().ensureComment(COMMENT));

    expect(error.message).toBe(
      "GitHub's rate limit stopped cspops from trying to read the comments of pull request #1",
    );
    expect(error.hint).toContain("until 2026-11-20T11:00:00.000Z");
  });

  it("a secondary rate limit that does not lift (429 with retry-after)", async () => {
    Object.assign(emulator.faults, { failureRate: 1, kinds: ["429"], retryAfterSeconds: 30 });

    const error = await failureOf(() => port().ensureComment(COMMENT));

    expect(error).toMatchObject({ status: 429, code: "rate-limited" });
    expect(error.hint).toContain("wait 30 s");
  });

  it("GitHub failing on every try (5xx) and GitHub unreachable", async () => {
    Object.assign(emulator.faults, { failureRate: 1, kinds: ["503"] });
    const failing = await failureOf(() => port().ensureComment(COMMENT));
    const address = emulator.url;
    await emulator.close();

    const unreachable = await failureOf(() => port({ apiUrl: address }).ensureComment(COMMENT));

    expect(failing).toMatchObject({ status: 503, code: "server-error" });
    expect(unreachable.message).toContain(`could not reach GitHub at ${address}`);
    emulator = await startGitHubEmulator();
  });

  it("with throttling on (production), a 429 is retried after its retry-after", async () => {
    emulator.failNext({ operationId: "issues/list-comments", kind: "429" });
    emulator.faults.retryAfterSeconds = 1;
    const started = Date.now();

    const result = await port({}, { throttle: true, retryBaseMs: 5 }).ensureComment(COMMENT);

    expect(result.action).toBe("created");
    expect(Date.now() - started).toBeGreaterThanOrEqual(900);
    expect(emulator.requests.map((r) => r.status)).toEqual([429, 200, 201, 200]);
  });
});
