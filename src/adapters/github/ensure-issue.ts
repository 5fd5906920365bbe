import { InternalError } from "../../core/errors.js";
import { type EnsureIssueRequest, type EnsureIssueResult, GITHUB_BODY_LIMIT } from "./github-port.js";
import { type GitHubSession, isOutcomeUnknown, normaliseBody, sleep } from "./github-session.js";

interface Issue {
  readonly number: number;
  readonly title: string;
  readonly body?: string | null | undefined;
  readonly state: string;
  readonly html_url: string;
}

const WRITE = "issues: write" as const;

/** `GitHubPort.ensureIssue`: open, reopen or edit the one marked issue; no write when it already says so. */
export async function ensureIssue(
  session: GitHubSession,
  request: EnsureIssueRequest,
): Promise<EnsureIssueResult> {
  checkBody(request);
  const existing = await findFirstMarked(session, request);
  if (existing === undefined) return createIssue(session, request);
  if (existing.state === "closed") {
    return patchIssue(session, existing, request, { state: "open", state_reason: "reopened" }, "reopened");
  }
  return isSame(existing, request)
    ? unchanged(existing)
    : patchIssue(session, existing, request, {}, "updated");
}

/** `GitHubPort.ensureIssueClosed`: close the marked issue as completed, if there is one. */
export async function ensureIssueClosed(
  session: GitHubSession,
  request: EnsureIssueRequest,
): Promise<EnsureIssueResult> {
  checkBody(request);
  const existing = await findFirstMarked(session, request);
  if (existing === undefined) return { action: "absent" };
  if (existing.state === "open") {
    return patchIssue(session, existing, request, { state: "closed", state_reason: "completed" }, "closed");
  }
  return isSame(existing, request)
    ? unchanged(existing)
    : patchIssue(session, existing, request, {}, "updated");
}

/** The oldest issue (not pull request) with the label whose body carries the marker. */
async function findFirstMarked(
  session: GitHubSession,
  request: EnsureIssueRequest,
): Promise<Issue | undefined> {
  let found: Issue | undefined;
  try {
    await session.octokit.paginate(
      session.octokit.rest.issues.listForRepo,
      {
        owner: session.owner,
        repo: session.repo,
        state: "all",
        labels: request.label.name,
        sort: "created",
        direction: "asc",
        per_page: 100,
      },
      (response, done) => {
        found = response.data.find(
          (issue) => issue.pull_request === undefined && issue.body?.includes(request.marker) === true,
        );
        if (found !== undefined) done();
        return [];
      },
    );
  } catch (error) {
    throw session.fail(error, {
      action: "list the repository's issues",
      permission: WRITE,
      target: "the repository",
    });
  }
  return found;
}

/**
 * Opens the issue. Like the PR comment, the POST is not retried blindly: after a failure whose
 * outcome is unknown the issue is looked for first. A run that loses a race closes its own
 * issue as a duplicate (issues cannot be deleted) and brings the winner up to date.
 */
async function createIssue(session: GitHubSession, request: EnsureIssueRequest): Promise<EnsureIssueResult> {
  await ensureLabel(session, request);
  for (let attempt = 1; ; attempt += 1) {
    try {
      const { data } = await session.octokit.rest.issues.create({
        owner: session.owner,
        repo: session.repo,
        title: request.title,
        body: request.body,
        labels: [request.label.name],
        request: { retries: 0 },
      });
      return settleRace(session, request, data);
    } catch (error) {
      if (!isOutcomeUnknown(error) || attempt >= session.createAttempts) {
        throw session.fail(error, {
          action: "open the drift issue",
          permission: WRITE,
          target: "the repository",
        });
      }
      await sleep(attempt * attempt * session.secondMs);
      const appeared = await findFirstMarked(session, request);
      if (appeared !== undefined) return ensureIssue(session, request);
    }
  }
}

async function settleRace(
  session: GitHubSession,
  request: EnsureIssueRequest,
  mine: Issue,
): Promise<EnsureIssueResult> {
  const first = await findFirstMarked(session, request);
  if (first === undefined || first.number === mine.number) {
    return { action: "created", number: mine.number, url: mine.html_url };
  }
  await patchIssue(session, mine, request, { state: "closed", state_reason: "duplicate" }, "closed");
  return ensureIssue(session, request);
}

async function ensureLabel(session: GitHubSession, request: EnsureIssueRequest): Promise<void> {
  const { owner, repo } = session;
  try {
    await session.octokit.rest.issues.getLabel({ owner, repo, name: request.label.name });
    return;
  } catch (error) {
    if ((error as { status?: unknown }).status !== 404) {
      throw session.fail(error, {
        action: "read the drift label",
        permission: WRITE,
        target: "the repository",
      });
    }
  }
  try {
    await session.octokit.rest.issues.createLabel({ owner, repo, ...request.label });
  } catch (error) {
    // 422 already_exists: another run created it in between, which is what we wanted.
    if ((error as { status?: unknown }).status !== 422) {
      throw session.fail(error, {
        action: `create the label ${request.label.name}`,
        permission: WRITE,
        target: "the repository",
      });
    }
  }
}

async function patchIssue(
  session: GitHubSession,
  issue: Issue,
  request: EnsureIssueRequest,
  change: { state?: "open" | "closed"; state_reason?: "completed" | "reopened" | "duplicate" },
  action: EnsureIssueResult["action"],
): Promise<EnsureIssueResult> {
  try {
    const { data } = await session.octokit.rest.issues.update({
      owner: session.owner,
      repo: session.repo,
      issue_number: issue.number,
      title: request.title,
      body: request.body,
      ...change,
    });
    return { action, number: data.number, url: data.html_url };
  } catch (error) {
    throw session.fail(error, {
      action: `update the drift issue #${issue.number}`,
      permission: WRITE,
      target: `issue #${issue.number}`,
    });
  }
}

function isSame(issue: Issue, request: EnsureIssueRequest): boolean {
  return (
    issue.title === request.title &&
    normaliseBody(issue.body, request.volatile) === normaliseBody(request.body, request.volatile)
  );
}

function unchanged(issue: Issue): EnsureIssueResult {
  return { action: "unchanged", number: issue.number, url: issue.html_url };
}

function checkBody(request: EnsureIssueRequest): void {
  if (!request.body.includes(request.marker)) {
    throw new InternalError(`the issue body does not contain its marker ${request.marker}`);
  }
  if (request.body.length > GITHUB_BODY_LIMIT) {
    throw new InternalError(
      `the issue body has ${request.body.length} characters, over GitHub's limit of ${GITHUB_BODY_LIMIT}`,
    );
  }
}
