import { isRecord } from "../../core/json/is-record.js";
import { errorReply, type GitHubReply, notFound, paginate, validationFailed } from "./github-http.js";
import { type ResourceUrls, toDiffEntry, toIssue, toIssueComment, toLabel } from "./github-resources.js";
import type { GitHubState, StoredIssue, StoredRepository, StoredUser } from "./github-state.js";

/** GitHub's limit on comment and issue bodies, in characters. */
const MAX_BODY_LENGTH = 65_536;
/** GitHub lists at most this many files of a pull request. */
const MAX_PULL_FILES = 3_000;

export interface RouteContext {
  readonly state: GitHubState;
  readonly repository: StoredRepository;
  readonly params: Readonly<Record<string, string>>;
  readonly url: URL;
  readonly body: unknown;
  readonly user: StoredUser;
  readonly urls: ResourceUrls;
}

/** One REST operation, named by its `operationId` in GitHub's OpenAPI description. */
export interface Route {
  readonly operationId: string;
  readonly method: "GET" | "POST" | "PATCH" | "DELETE";
  readonly pattern: RegExp;
  /** Needs a token with write access (`issues: write` or `pull-requests: write`). */
  readonly write: boolean;
  /** What GitHub sends in `x-accepted-github-permissions` when the token lacks it. */
  readonly permissions: string;
  readonly handle: (context: RouteContext) => GitHubReply;
}

const REPO = "/repos/(?<owner>[^/]+)/(?<repo>[^/]+)";
const ISSUE_WRITE = "issues=write; pull_requests=write";
const ISSUE_READ = "issues=read; pull_requests=read";

export const routes: readonly Route[] = [
  {
    operationId: "issues/list-comments",
    method: "GET",
    pattern: new RegExp(`^${REPO}/issues/(?<number>\\d+)/comments$`),
    write: false,
    permissions: ISSUE_READ,
    handle: ({ repository, params, url, urls, state }) => {
      const number = Number(params.number);
      if (!repository.issues.has(number)) return notFound();
      const comments = state.commentsOn(`${repository.owner}/${repository.name}`, number);
      return paginate(
        comments.map((comment) => toIssueComment(repository, comment, urls)),
        url,
        urls.api,
      );
    },
  },
  {
    operationId: "issues/create-comment",
    method: "POST",
    pattern: new RegExp(`^${REPO}/issues/(?<number>\\d+)/comments$`),
    write: true,
    permissions: ISSUE_WRITE,
    handle: ({ repository, params, body, user, urls, state }) => {
      const number = Number(params.number);
      if (!repository.issues.has(number)) return notFound();
      const invalid = checkBody(body, "IssueComment", true);
      if (invalid !== undefined) return invalid;
      const text = (body as { body: string }).body;
      const comment = state.addComment(`${repository.owner}/${repository.name}`, number, text, user.login);
      const representation = toIssueComment(repository, comment, urls);
      return { status: 201, body: representation, headers: { location: representation.url } };
    },
  },
  {
    operationId: "issues/update-comment",
    method: "PATCH",
    pattern: new RegExp(`^${REPO}/issues/comments/(?<id>\\d+)$`),
    write: true,
    permissions: ISSUE_WRITE,
    handle: ({ repository, params, body, urls, state }) => {
      const comment = repository.comments.get(Number(params.id));
      if (comment === undefined) return notFound();
      const invalid = checkBody(body, "IssueComment", true);
      if (invalid !== undefined) return invalid;
      comment.body = (body as { body: string }).body;
      comment.updatedAt = state.timestamp();
      return { status: 200, body: toIssueComment(repository, comment, urls) };
    },
  },
  {
    operationId: "issues/delete-comment",
    method: "DELETE",
    pattern: new RegExp(`^${REPO}/issues/comments/(?<id>\\d+)$`),
    write: true,
    permissions: ISSUE_WRITE,
    handle: ({ repository, params }) =>
      repository.comments.delete(Number(params.id)) ? { status: 204 } : notFound(),
  },
  {
    operationId: "issues/list-for-repo",
    method: "GET",
    pattern: new RegExp(`^${REPO}/issues$`),
    write: false,
    permissions: ISSUE_READ,
    handle: ({ repository, url, urls }) => paginate(listIssues(repository, url, urls), url, urls.api),
  },
  {
    operationId: "issues/create",
    method: "POST",
    pattern: new RegExp(`^${REPO}/issues$`),
    write: true,
    permissions: "issues=write",
    handle: ({ repository, body, user, urls, state }) => {
      if (!isRecord(body) || typeof body.title !== "string" || body.title.length === 0) {
        return validationFailed("Issue", "title", "missing_field");
      }
      const invalid = checkBody(body, "Issue", false);
      if (invalid !== undefined) return invalid;
      const labels = Array.isArray(body.labels) ? body.labels.filter((l) => typeof l === "string") : [];
      const issue = state.createIssue(repository, {
        title: body.title,
        body: typeof body.body === "string" ? body.body : null,
        labels,
        author: user.login,
      });
      const representation = toIssue(repository, issue, urls);
      return { status: 201, body: representation, headers: { location: representation.url } };
    },
  },
  {
    operationId: "issues/update",
    method: "PATCH",
    pattern: new RegExp(`^${REPO}/issues/(?<number>\\d+)$`),
    write: true,
    permissions: "issues=write",
    handle: ({ repository, params, body, user, urls, state }) => {
      const issue = repository.issues.get(Number(params.number));
      if (issue === undefined) return notFound();
      if (!isRecord(body)) return validationFailed("Issue", "body", "invalid");
      const invalid = checkBody(body, "Issue", false);
      if (invalid !== undefined) return invalid;
      applyIssueUpdate(issue, body, user, state);
      return { status: 200, body: toIssue(repository, issue, urls) };
    },
  },
  {
    operationId: "issues/get-label",
    method: "GET",
    pattern: new RegExp(`^${REPO}/labels/(?<name>[^/]+)$`),
    write: false,
    permissions: ISSUE_READ,
    handle: ({ repository, params, urls }) => {
      const label = repository.labels.get(decodeURIComponent(params.name ?? "").toLowerCase());
      return label === undefined ? notFound() : { status: 200, body: toLabel(repository, label, urls) };
    },
  },
  {
    operationId: "issues/create-label",
    method: "POST",
    pattern: new RegExp(`^${REPO}/labels$`),
    write: true,
    permissions: "issues=write; pull_requests=write",
    handle: ({ repository, body, urls, state }) => {
      if (!isRecord(body) || typeof body.name !== "string" || body.name.length === 0) {
        return validationFailed("Label", "name", "missing_field");
      }
      if (repository.labels.has(body.name.toLowerCase()))
        return validationFailed("Label", "name", "already_exists");
      const label = state.ensureLabel(repository, body.name, {
        ...(typeof body.color === "string" ? { color: body.color } : {}),
        description: typeof body.description === "string" ? body.description : null,
      });
      return { status: 201, body: toLabel(repository, label, urls) };
    },
  },
  {
    operationId: "pulls/list-files",
    method: "GET",
    pattern: new RegExp(`^${REPO}/pulls/(?<number>\\d+)/files$`),
    write: false,
    permissions: "pull_requests=read",
    handle: ({ repository, params, url, urls }) => {
      const pull = repository.issues.get(Number(params.number))?.pullRequest;
      if (pull === undefined) return notFound();
      const files = pull.files.slice(0, MAX_PULL_FILES).map((file) => toDiffEntry(repository, file, urls));
      return paginate(files, url, urls.api);
    },
  },
];

/** 422 when `body.body` is missing (where required), not a string, or longer than GitHub allows. */
function checkBody(body: unknown, resource: string, required: boolean): GitHubReply | undefined {
  const text = isRecord(body) ? body.body : undefined;
  if (text === undefined || text === null) {
    return required ? validationFailed(resource, "body", "missing_field") : undefined;
  }
  if (typeof text !== "string") return validationFailed(resource, "body", "invalid");
  if (text.length > MAX_BODY_LENGTH) {
    return validationFailed(
      resource,
      "body",
      "custom",
      `body is too long (maximum is ${MAX_BODY_LENGTH} characters)`,
    );
  }
  return undefined;
}

function listIssues(repository: StoredRepository, url: URL, urls: ResourceUrls) {
  const state = url.searchParams.get("state") ?? "open";
  const labels = (url.searchParams.get("labels") ?? "")
    .split(",")
    .map((label) => label.trim().toLowerCase())
    .filter((label) => label.length > 0);
  const ascending = url.searchParams.get("direction") === "asc";
  return [...repository.issues.values()]
    .filter((issue) => state === "all" || issue.state === state)
    .filter((issue) => labels.every((label) => issue.labels.some((name) => name.toLowerCase() === label)))
    .sort((a, b) => (ascending ? a.number - b.number : b.number - a.number))
    .map((issue) => toIssue(repository, issue, urls));
}

function applyIssueUpdate(
  issue: StoredIssue,
  body: Record<string, unknown>,
  user: StoredUser,
  state: GitHubState,
): void {
  if (typeof body.title === "string") issue.title = body.title;
  if (typeof body.body === "string" || body.body === null) issue.body = body.body;
  if (Array.isArray(body.labels)) issue.labels = body.labels.filter((label) => typeof label === "string");
  const reason = body.state_reason;
  if (body.state === "closed" && issue.state === "open") {
    issue.state = "closed";
    issue.stateReason = reason === "not_planned" || reason === "duplicate" ? reason : "completed";
    issue.closedAt = state.timestamp();
    issue.closedBy = user;
  } else if (body.state === "open" && issue.state === "closed") {
    issue.state = "open";
    issue.stateReason = "reopened";
    issue.closedAt = null;
    issue.closedBy = null;
  }
  issue.updatedAt = state.timestamp();
}

export function errorForWrite(route: Route): GitHubReply {
  return errorReply(403, "Resource not accessible by integration", {
    headers: { "x-accepted-github-permissions": route.permissions },
  });
}
