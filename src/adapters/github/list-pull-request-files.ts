import { attempt, type GitHubSession } from "./github-session.js";

/** `GitHubPort.listPullRequestFiles`: every changed path, a renamed file under both names. */
export async function listPullRequestFiles(session: GitHubSession, pullNumber: number): Promise<string[]> {
  const files = await attempt(
    session,
    {
      action: `list the files of pull request #${pullNumber}`,
      permission: "pull-requests: read",
      target: `pull request #${pullNumber}`,
    },
    () =>
      session.octokit.paginate(session.octokit.rest.pulls.listFiles, {
        owner: session.owner,
        repo: session.repo,
        pull_number: pullNumber,
        per_page: 100,
      }),
  );
  return files.flatMap((file) =>
    file.previous_filename === undefined ? [file.filename] : [file.filename, file.previous_filename],
  );
}
