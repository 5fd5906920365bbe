import { setTimeout as sleep } from "node:timers/promises";
import { type CspopsError, InternalError } from "../../core/diagnostics/errors.js";
import type { GitHubOctokit } from "./create-octokit.js";
import { GITHUB_BODY_LIMIT, type GitHubConnection } from "./github-port.js";
import { createOwnership, type IsOurs } from "./ownership.js";
import { type GitHubCallContext, translateGitHubError } from "./translate-github-error.js";

/** What a failing call was for: the words of the error it becomes. */
export type GitHubCall = Pick<GitHubCallContext, "action" | "permission" | "target">;

/** What every verb needs: the client, the repository, the retry pace and the error translator. */
export interface GitHubSession {
  readonly octokit: GitHubOctokit;
  readonly owner: string;
  readonly repo: string;
  /** How many times a create is tried when its outcome is unknown (5xx, dropped connection). */
  readonly createAttempts: number;
  /** The length of "one second" for back-offs; tests shorten it. */
  readonly secondMs: number;
  fail(error: unknown, call: GitHubCall): CspopsError;
  /** Whether an author's comment or issue is cspops's to adopt, edit or delete (ownership.ts). */
  readonly isOurs: IsOurs;
}

export function createSession(
  octokit: GitHubOctokit,
  connection: GitHubConnection,
  pace: { createAttempts: number; secondMs: number },
): GitHubSession {
  const repository = `${connection.owner}/${connection.repo}`;
  const fail = (error: unknown, call: GitHubCall) =>
    translateGitHubError(error, {
      ...call,
      repository,
      apiUrl: connection.apiUrl,
      secrets: connection.token === undefined ? [] : [connection.token],
    });
  const whoAmI = async () => {
    try {
      const { data } = await octokit.rest.users.getAuthenticated();
      return { id: data.id, login: data.login };
    } catch (error) {
      // 403: an app's installation token (the workflow's GITHUB_TOKEN) may not ask; 404 on some
      // GitHub Enterprise Server set-ups. Either way unknown: only bot authors count as ours.
      const status = statusOf(error);
      if (status === 403 || status === 404) return undefined;
      throw fail(error, {
        action: "learn whose token this is",
        permission: "pull-requests: read",
        target: "the token's user",
      });
    }
  };
  return {
    octokit,
    owner: connection.owner,
    repo: connection.repo,
    ...pace,
    fail,
    isOurs: createOwnership(whoAmI),
  };
}

/**
 * Every item of a paginated list that `keep` accepts, oldest (lowest id) first. All pages are read:
 * a stale duplicate may be on any of them.
 */
export async function collect<T extends { readonly id: number }>(
  pages: AsyncIterable<{ readonly data: readonly T[] }>,
  keep: (item: T) => Promise<boolean>,
): Promise<T[]> {
  const kept: T[] = [];
  for await (const page of pages) {
    for (const item of page.data) if (await keep(item)) kept.push(item);
  }
  return kept.sort((a, b) => a.id - b.id);
}

/** Runs one request; whatever it throws leaves as the project's error, worded for `call`. */
export async function attempt<T>(
  session: GitHubSession,
  call: GitHubCall,
  request: () => Promise<T>,
): Promise<T> {
  try {
    return await request();
  } catch (error) {
    throw session.fail(error, call);
  }
}

/**
 * Creates something without the client's automatic retry: a POST whose answer was lost may have
 * been stored, and repeating it blindly would write twice. So after a failure whose outcome is
 * unknown, `lookAgain` first; create again only when nothing turned up.
 */
export async function createOnce<Created, Found>(
  session: GitHubSession,
  call: GitHubCall,
  create: () => Promise<Created>,
  lookAgain: () => Promise<Found | undefined>,
): Promise<{ readonly created: Created } | { readonly found: Found }> {
  for (let tries = 1; ; tries += 1) {
    try {
      return { created: await create() };
    } catch (error) {
      if (!isOutcomeUnknown(error) || tries >= session.createAttempts) throw session.fail(error, call);
      await sleep(tries * tries * session.secondMs);
      const found = await lookAgain();
      if (found !== undefined) return { found };
    }
  }
}

/** The HTTP status Octokit's `RequestError` carries, if `error` is one. */
export function statusOf(error: unknown): number | undefined {
  const status = (error as { status?: unknown } | null)?.status;
  return typeof status === "number" ? status : undefined;
}

/**
 * A failed create whose effect is unknown: the server may have stored it before the answer was
 * lost (5xx, dropped connection) or rejected it for load (429). The caller must look before
 * trying again, or it could write twice.
 */
export function isOutcomeUnknown(error: unknown): boolean {
  const status = statusOf(error);
  return status === undefined || status >= 500 || status === 429;
}

/** A body the port may send: it carries its marker and fits GitHub's limit (a bug otherwise). */
export function checkMarkedBody(
  request: { readonly body: string; readonly marker: string },
  what: string,
): void {
  if (!request.body.includes(request.marker)) {
    throw new InternalError(`the ${what} body does not contain its marker ${request.marker}`);
  }
  if (request.body.length > GITHUB_BODY_LIMIT) {
    throw new InternalError(
      `the ${what} body has ${request.body.length} characters, over GitHub's limit of ${GITHUB_BODY_LIMIT}`,
    );
  }
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
