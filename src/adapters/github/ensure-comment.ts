import type { EnsureCommentRequest, EnsureCommentResult } from "./github-port.js";
import {
  attempt,
  checkMarkedBody,
  createOnce,
  findFirst,
  type GitHubSession,
  normaliseBody,
  statusOf,
} from "./github-session.js";

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
  checkMarkedBody(request, "comment");
  const existing = await findFirstMarked(session, request);
  if (existing !== undefined) return updateIfChanged(session, existing, request, "unchanged");
  const created = await createOnce(
    session,
    {
      action: `comment on pull request #${request.issueNumber}`,
      permission: WRITE,
      target: `pull request #${request.issueNumber}`,
    },
    async () =>
      (
        await session.octokit.rest.issues.createComment({
          owner: session.owner,
          repo: session.repo,
          issue_number: request.issueNumber,
          body: request.body,
          request: { retries: 0 },
        })
      ).data,
    () => findFirstMarked(session, request),
  );
  // Found after a create whose answer was lost: ours, or another run's; either way the one to keep.
  if ("found" in created) return updateIfChanged(session, created.found, request, "created");
  return settleRace(session, request, created.created);
}

/** The marked comment with the lowest id, which is the first one GitHub lists (oldest first). */
function findFirstMarked(
  session: GitHubSession,
  request: EnsureCommentRequest,
): Promise<Comment | undefined> {
  return attempt(
    session,
    {
      action: `read the comments of pull request #${request.issueNumber}`,
      permission: "pull-requests: read",
      target: `pull request #${request.issueNumber}`,
    },
    () =>
      findFirst(
        session.octokit.paginate.iterator(session.octokit.rest.issues.listComments, {
          owner: session.owner,
          repo: session.repo,
          issue_number: request.issueNumber,
          per_page: 100,
        }),
        (comment) => comment.body?.includes(request.marker) === true,
      ),
  );
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
    if (statusOf(error) !== 404) {
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
  const { data } = await attempt(
    session,
    {
      action: `update the comment on pull request #${request.issueNumber}`,
      permission: WRITE,
      target: `comment ${comment.id} on pull request #${request.issueNumber}`,
    },
    () =>
      session.octokit.rest.issues.updateComment({
        owner: session.owner,
        repo: session.repo,
        comment_id: comment.id,
        body: request.body,
      }),
  );
  return { action: "updated", id: data.id, url: data.html_url };
}
