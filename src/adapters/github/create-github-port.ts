import { addComment } from "./add-comment.js";
import { createOctokit } from "./create-octokit.js";
import { ensureComment } from "./ensure-comment.js";
import { ensureIssue, ensureIssueClosed, findIssue } from "./ensure-issue.js";
import type { GitHubClientOptions, GitHubConnection, GitHubPort } from "./github-port.js";
import { createSession } from "./github-session.js";
import { listPullRequestFiles } from "./list-pull-request-files.js";
import { missingTokenError } from "./translate-github-error.js";

/** Tries of a create whose outcome is unknown (5xx, dropped connection) before giving up. */
const CREATE_ATTEMPTS = 3;

/**
 * The GitHub port over Octokit (REST, with the throttling and retry plugins). Fails at once, before
 * any request, when there is no token.
 */
export function createGitHubPort(
  connection: GitHubConnection,
  options: GitHubClientOptions = {},
): GitHubPort {
  if (connection.token === undefined || connection.token.trim() === "") throw missingTokenError();
  const session = createSession(createOctokit(connection, options), connection, {
    createAttempts: CREATE_ATTEMPTS,
    secondMs: options.retryBaseMs ?? 1_000,
  });
  return {
    ensureComment: (request) => ensureComment(session, request),
    ensureIssue: (request) => ensureIssue(session, request),
    ensureIssueClosed: (request) => ensureIssueClosed(session, request),
    findIssue: (request) => findIssue(session, request),
    addComment: (issueNumber, body) => addComment(session, issueNumber, body),
    listPullRequestFiles: (pullNumber) => listPullRequestFiles(session, pullNumber),
  };
}
