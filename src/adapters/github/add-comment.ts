import { attempt, type GitHubSession } from "./github-session.js";

/** `GitHubPort.addComment`: one POST, never retried (a retry after a lost answer would notify twice). */
export async function addComment(
  session: GitHubSession,
  issueNumber: number,
  body: string,
): Promise<{ readonly id: number; readonly url: string }> {
  const { data } = await attempt(
    session,
    {
      action: `comment on issue #${issueNumber}`,
      permission: "issues: write",
      target: `issue #${issueNumber}`,
    },
    () =>
      session.octokit.rest.issues.createComment({
        owner: session.owner,
        repo: session.repo,
        issue_number: issueNumber,
        body,
        request: { retries: 0 },
      }),
  );
  return { id: data.id, url: data.html_url };
}
