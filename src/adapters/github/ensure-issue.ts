import type { EnsureIssueRequest, EnsureIssueResult, MarkedIssue } from "./github-port.js";
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

interface Issue {
  readonly id: number;
  readonly number: number;
  readonly title: string;
  readonly body?: string | null | undefined;
  readonly state: string;
  readonly html_url: string;
  readonly state_reason?: string | null | undefined;
  readonly user: Author | null;
}

type IssueChange = { state?: "open" | "closed"; state_reason?: "completed" | "reopened" | "duplicate" };

const WRITE = "issues: write" as const;
const REPOSITORY_CALL = { permission: WRITE, target: "the repository" } as const;

/**
 * `GitHubPort.ensureIssue`: open, reopen or edit the one marked issue; no write when it already
 * says so. Only issues written by a bot or by the token's own identity count (ownership.ts): a
 * person's issue with the label and the marker is never edited, closed or reopened. Of ours, the
 * oldest is kept and any other still open is closed as a duplicate.
 */
export async function ensureIssue(
  session: GitHubSession,
  request: EnsureIssueRequest,
): Promise<EnsureIssueResult> {
  checkMarkedBody(request, "issue");
  const existing = await keepOldest(session, request);
  if (existing === undefined) return createIssue(session, request);
  if (existing.state === "closed") {
    return patchIssue(session, existing, request, { state: "open", state_reason: "reopened" }, "reopened");
  }
  return editIfChanged(session, existing, request);
}

/** `GitHubPort.ensureIssueClosed`: close the marked issue as completed, if there is one. */
export async function ensureIssueClosed(
  session: GitHubSession,
  request: EnsureIssueRequest,
): Promise<EnsureIssueResult> {
  checkMarkedBody(request, "issue");
  const existing = await keepOldest(session, request);
  if (existing === undefined) return { action: "absent" };
  if (existing.state === "open") {
    return patchIssue(session, existing, request, { state: "closed", state_reason: "completed" }, "closed");
  }
  return editIfChanged(session, existing, request);
}

/** `GitHubPort.findIssue`: the marked issue as it is now (the oldest of ours; nothing is written). */
export async function findIssue(
  session: GitHubSession,
  request: Pick<EnsureIssueRequest, "marker" | "label">,
): Promise<MarkedIssue | undefined> {
  const [issue] = await listOurMarked(session, request);
  if (issue === undefined) return undefined;
  return {
    number: issue.number,
    state: issue.state === "closed" ? "closed" : "open",
    body: issue.body ?? "",
    url: issue.html_url,
  };
}

/** The oldest of our marked issues; every other one still open is closed as a duplicate. */
async function keepOldest(session: GitHubSession, request: EnsureIssueRequest): Promise<Issue | undefined> {
  const [oldest, ...duplicates] = await listOurMarked(session, request);
  for (const duplicate of duplicates) {
    if (duplicate.state === "open") await closeAsDuplicate(session, duplicate);
  }
  return oldest;
}

/** Our issues (not pull requests) with the label whose body carries the marker, oldest first. */
function listOurMarked(
  session: GitHubSession,
  request: Pick<EnsureIssueRequest, "marker" | "label">,
): Promise<Issue[]> {
  return attempt(session, { action: "list the repository's issues", ...REPOSITORY_CALL }, () =>
    collect(
      session.octokit.paginate.iterator(session.octokit.rest.issues.listForRepo, {
        owner: session.owner,
        repo: session.repo,
        state: "all",
        labels: request.label.name,
        sort: "created",
        direction: "asc",
        per_page: 100,
      }),
      async (issue) =>
        issue.pull_request === undefined &&
        issue.body?.includes(request.marker) === true &&
        session.isOurs(issue.user),
    ),
  );
}

/** Closes a stale copy of the dashboard as a duplicate, leaving its title and body as they are. */
async function closeAsDuplicate(session: GitHubSession, issue: Issue): Promise<void> {
  await attempt(
    session,
    {
      action: `close the duplicate drift issue #${issue.number}`,
      permission: WRITE,
      target: `issue #${issue.number}`,
    },
    () =>
      session.octokit.rest.issues.update({
        owner: session.owner,
        repo: session.repo,
        issue_number: issue.number,
        state: "closed",
        state_reason: "duplicate",
      }),
  );
}

/**
 * Opens the issue. Like the PR comment, the POST is not retried blindly (`createOnce`). A run that
 * loses a race closes its own issue as a duplicate (issues cannot be deleted) and brings the
 * winner up to date.
 */
async function createIssue(session: GitHubSession, request: EnsureIssueRequest): Promise<EnsureIssueResult> {
  await ensureLabel(session, request);
  const created = await createOnce(
    session,
    { action: "open the drift issue", ...REPOSITORY_CALL },
    async () =>
      (
        await session.octokit.rest.issues.create({
          owner: session.owner,
          repo: session.repo,
          title: request.title,
          body: request.body,
          labels: [request.label.name],
          request: { retries: 0 },
        })
      ).data,
    async () => (await listOurMarked(session, request))[0],
  );
  if ("found" in created) return ensureIssue(session, request);
  const mine = created.created;
  const [first] = await listOurMarked(session, request);
  if (first === undefined || first.number === mine.number) {
    return { action: "created", number: mine.number, url: mine.html_url };
  }
  await closeAsDuplicate(session, mine);
  return ensureIssue(session, request);
}

async function ensureLabel(session: GitHubSession, request: EnsureIssueRequest): Promise<void> {
  const { owner, repo } = session;
  try {
    await session.octokit.rest.issues.getLabel({ owner, repo, name: request.label.name });
    return;
  } catch (error) {
    if (statusOf(error) !== 404)
      throw session.fail(error, { action: "read the drift label", ...REPOSITORY_CALL });
  }
  try {
    await session.octokit.rest.issues.createLabel({ owner, repo, ...request.label });
  } catch (error) {
    // 422 already_exists: another run created it in between, which is what we wanted.
    if (statusOf(error) !== 422) {
      throw session.fail(error, { action: `create the label ${request.label.name}`, ...REPOSITORY_CALL });
    }
  }
}

/** Title and body as the request says, in the issue's current state; no write when they already do. */
function editIfChanged(
  session: GitHubSession,
  issue: Issue,
  request: EnsureIssueRequest,
): Promise<EnsureIssueResult> | EnsureIssueResult {
  const same =
    issue.title === request.title &&
    normaliseBody(issue.body, request.volatile) === normaliseBody(request.body, request.volatile);
  if (same) return { action: "unchanged", number: issue.number, url: issue.html_url };
  return patchIssue(session, issue, request, {}, "updated");
}

async function patchIssue(
  session: GitHubSession,
  issue: Issue,
  request: EnsureIssueRequest,
  change: IssueChange,
  action: EnsureIssueResult["action"],
): Promise<EnsureIssueResult> {
  const { data } = await attempt(
    session,
    {
      action: `update the drift issue #${issue.number}`,
      permission: WRITE,
      target: `issue #${issue.number}`,
    },
    () =>
      session.octokit.rest.issues.update({
        owner: session.owner,
        repo: session.repo,
        issue_number: issue.number,
        title: request.title,
        body: request.body,
        ...change,
      }),
  );
  return { action, number: data.number, url: data.html_url };
}
