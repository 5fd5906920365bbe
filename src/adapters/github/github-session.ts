import type { CspopsError } from "../../core/errors.js";
import type { GitHubOctokit } from "./create-octokit.js";
import type { GitHubConnection } from "./github-port.js";
import { type GitHubCallContext, translateGitHubError } from "./translate-github-error.js";

/** What every verb needs: the client, the repository, the retry pace and the error translator. */
export interface GitHubSession {
  readonly octokit: GitHubOctokit;
  readonly owner: string;
  readonly repo: string;
  /** How many times a create is tried when its outcome is unknown (5xx, dropped connection). */
  readonly createAttempts: number;
  /** The length of "one second" for back-offs; tests shorten it. */
  readonly secondMs: number;
  fail(error: unknown, call: Pick<GitHubCallContext, "action" | "permission" | "target">): CspopsError;
}

export function createSession(
  octokit: GitHubOctokit,
  connection: GitHubConnection,
  pace: { createAttempts: number; secondMs: number },
): GitHubSession {
  const repository = `${connection.owner}/${connection.repo}`;
  return {
    octokit,
    owner: connection.owner,
    repo: connection.repo,
    ...pace,
    fail: (error, call) =>
      translateGitHubError(error, {
        ...call,
        repository,
        apiUrl: connection.apiUrl,
        secrets: connection.token === undefined ? [] : [connection.token],
      }),
  };
}

/**
 * A failed create whose effect is unknown: the server may have stored it before the answer was
 * lost (5xx, dropped connection) or rejected it for load (429). The caller must look before
 * trying again, or it could write twice.
 */
export function isOutcomeUnknown(error: unknown): boolean {
  const status = (error as { status?: unknown }).status;
  if (typeof status !== "number") return true;
  return status >= 500 || status === 429;
}

/**
 * Comparable form of a body: GitHub keeps what it is sent, but an edit in the browser brings
 * `\r\n`; text matching `volatile` (a timestamp) does not count.
 */
export function normaliseBody(body: string | null | undefined, volatile?: RegExp): string {
  const text = (body ?? "").replace(/\r\n?/g, "\n").trimEnd();
  if (volatile === undefined) return text;
  const everywhere = volatile.flags.includes("g")
    ? volatile
    : new RegExp(volatile.source, `${volatile.flags}g`);
  return text.replace(everywhere, "");
}

export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
