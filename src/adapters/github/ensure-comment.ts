import { InternalError } from "../../core/errors.js";
import { type EnsureCommentRequest, type EnsureCommentResult, GITHUB_BODY_LIMIT } from "./github-port.js";
import { type GitHubSession, isOutcomeUnknown, normaliseBody, sleep } from "./github-session.js";

interface Comment {
  readonly id: number;
  readonly body?: string | undefined;
  readonly html_url: string;
}

const WRITE = "pull-requests: write" as const;

/** `GitHubPort.ensureComment`: find by marker → create once, edit in place, or leave alone. */
export async function ensureComment(
  session: GitHubSession,
  request: EnsureCommentRequest,
): Promise<EnsureCommentResult> {
  checkBody(request);
  const existing = await findFirstMarked(session, request);
  if (existing !== undefined) return updateIfChanged(session, existing, request, "unchanged");
  const created = await createOnce(session, request);
  if (created.ours === false) return updateIfChanged(session, created.comment, request, "created");
  return settleRace(session, request, created.comment);
}

/**
 * The marked comment with the lowest id, which is the first one GitHub lists (oldest first).
 * Pagination stops there, so a long thread costs pages only up to our comment.
 */
async function findFirstMarked(
  session: GitHubSession,
  request: EnsureCommentRequest,
): Promise<Comment | undefined> {
  let found: Comment | undefined;
  try {
    await session.octokit.paginate(
      session.octokit.rest.issues.listComments,
      { owner: session.owner, repo: session.repo, issue_number: request.issueNumber, per_page: 100 },
      (response, done) => {
        found = response.data.find((comment) => comment.body?.includes(request.marker) === true);
        if (found !== undefined) done();
        return [];
      },
    );
  } catch (error) {
    throw session.fail(error, {
      action: `read the comments of pull request #${request.issueNumber}`,
      permission: "pull-requests: read",
      target: `pull request #${request.issueNumber}`,
    });
  }
  return found;
}

/**
 * Creates the comment without the client's automatic retry: a POST whose answer was lost may have
 * been stored, and repeating it blindly would post twice. So after a failure whose outcome is
 * unknown, look first; create again only when the comment is still missing.
 */
async function createOnce(
  session: GitHubSession,
  request: EnsureCommentRequest,
): Promise<{ comment: Comment; ours: boolean }> {
  for (let attempt = 1; ; attempt += 1) {
    try {
      const { data } = await session.octokit.rest.issues.createComment({
        owner: session.owner,
        repo: session.repo,
        issue_number: request.issueNumber,
        body: request.body,
        request: { retries: 0 },
      });
      return { comment: data, ours: true };
    } catch (error) {
      if (!isOutcomeUnknown(error) || attempt >= session.createAttempts) {
        throw session.fail(error, {
          action: `comment on pull request #${request.issueNumber}`,
          permission: WRITE,
          target: `pull request #${request.issueNumber}`,
        });
      }
      await sleep(attempt * attempt * session.secondMs);
      const appeared = await findFirstMarked(session, request);
      if (appeared !== undefined) return { comment: appeared, ours: false };
    }
  }
}

/**
 * Two runs that both found no comment both create one. Each then looks again: the comment with
 * the lowest id wins, and a run whose comment lost deletes it (only that one: it knows its id)
 * and brings the winner up to date.
 */
async function settleRace(
  session: GitHubSession,
  request: EnsureCommentRequest,
  mine: Comment,
): Promise<EnsureCommentResult> {
  const first = await findFirstMarked(session, request);
  if (first === undefined || first.id === mine.id)
    return { action: "created", id: mine.id, url: mine.html_url };
  try {
    await session.octokit.rest.issues.deleteComment({
      owner: session.owner,
      repo: session.repo,
      comment_id: mine.id,
    });
  } catch (error) {
    if ((error as { status?: unknown }).status !== 404) {
      throw session.fail(error, {
        action: `delete the duplicate comment ${mine.id}`,
        permission: WRITE,
        target: `comment ${mine.id}`,
      });
    }
  }
  return updateIfChanged(session, first, request, "unchanged");
}

async function updateIfChanged(
  session: GitHubSession,
  comment: Comment,
  request: EnsureCommentRequest,
  whenSame: "created" | "unchanged",
): Promise<EnsureCommentResult> {
  if (normaliseBody(comment.body, request.volatile) === normaliseBody(request.body, request.volatile)) {
    return { action: whenSame, id: comment.id, url: comment.html_url };
  }
  try {
    const { data } = await session.octokit.rest.issues.updateComment({
      owner: session.owner,
      repo: session.repo,
      comment_id: comment.id,
      body: request.body,
    });
    return { action: "updated", id: data.id, url: data.html_url };
  } catch (error) {
    throw session.fail(error, {
      action: `update the comment on pull request #${request.issueNumber}`,
      permission: WRITE,
      target: `comment ${comment.id} on pull request #${request.issueNumber}`,
    });
  }
}

function checkBody(request: EnsureCommentRequest): void {
  if (!request.body.includes(request.marker)) {
    throw new InternalError(`the comment body does not contain its marker ${request.marker}`);
  }
  if (request.body.length > GITHUB_BODY_LIMIT) {
    throw new InternalError(
      `the comment body has ${request.body.length} characters, over GitHub's limit of ${GITHUB_BODY_LIMIT}`,
    );
  }
}
