import type { EnsureCommentRequest, EnsureCommentResult } from "./github-port.js";
import {
  attempt,
  checkMarkedBody,
  collect,
  createOnce,
  type GitHubSession,
  normaliseBody,
  statusOf,
} from "./github-session.js";
import type { Author } from "./ownership.js";

interface Comment {
  readonly id: number;
  readonly body?: string | undefined;
  readonly html_url: string;
  readonly user: Author | null;
}

const WRITE = "pull-requests: write" as const;

/**
 * `GitHubPort.ensureComment`: find our marked comments → create one, or keep the oldest (edited in
 * place, or left alone) and delete the stale duplicates. "Ours" means written by a bot or by the
 * token's own identity (ownership.ts): a person's comment that carries the marker is never
 * adopted, edited or deleted.
 */
export async function ensureComment(
  session: GitHubSession,
  request: EnsureCommentRequest,
): Promise<EnsureCommentResult> {
  checkMarkedBody(request, "comment");
  const existing = await listOurMarked(session, request);
  const [oldest, ...duplicates] = existing;
  if (oldest !== undefined) {
    for (const duplicate of duplicates) await deleteComment(session, duplicate.id);
    return updateIfChanged(session, oldest, request, "unchanged");
  }
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
    async () => (await listOurMarked(session, request))[0],
  );
  // Found after a create whose answer was lost: ours, or another run's; either way the one to keep.
  if ("found" in created) return updateIfChanged(session, created.found, request, "created");
  return settleRace(session, request, created.created);
}

/** Our marked comments (bot or own identity), oldest first; every page is read. */
function listOurMarked(session: GitHubSession, request: EnsureCommentRequest): Promise<Comment[]> {
  return attempt(
    session,
    {
      action: `read the comments of pull request #${request.issueNumber}`,
      permission: "pull-requests: read",
      target: `pull request #${request.issueNumber}`,
    },
    () =>
      collect(
        session.octokit.paginate.iterator(session.octokit.rest.issues.listComments, {
          owner: session.owner,
          repo: session.repo,
          issue_number: request.issueNumber,
          per_page: 100,
        }),
        async (comment) => comment.body?.includes(request.marker) === true && session.isOurs(comment.user),
      ),
  );
}

/**
 * Two runs that both found no comment both create one. Each then looks again: the oldest of ours
 * wins, and a run whose comment lost deletes it (only that one: the winner deletes nothing) and
 * brings the winner up to date.
 */
async function settleRace(
  session: GitHubSession,
  request: EnsureCommentRequest,
  mine: Comment,
): Promise<EnsureCommentResult> {
  const [first] = await listOurMarked(session, request);
  if (first === undefined || first.id === mine.id)
    return { action: "created", id: mine.id, url: mine.html_url };
  await deleteComment(session, mine.id);
  return updateIfChanged(session, first, request, "unchanged");
}

/** Deletes one of our comments; one already gone (another run deleted it) is fine. */
async function deleteComment(session: GitHubSession, id: number): Promise<void> {
  try {
    await session.octokit.rest.issues.deleteComment({
      owner: session.owner,
      repo: session.repo,
      comment_id: id,
    });
  } catch (error) {
    if (statusOf(error) !== 404) {
      throw session.fail(error, {
        action: `delete the duplicate comment ${id}`,
        permission: WRITE,
        target: `comment ${id}`,
      });
    }
  }
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
