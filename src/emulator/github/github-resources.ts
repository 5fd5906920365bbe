import type {
  StoredComment,
  StoredFile,
  StoredIssue,
  StoredLabel,
  StoredRepository,
  StoredUser,
} from "./github-state.js";

/**
 * GitHub's JSON representations (`issue-comment`, `issue`, `label`, `diff-entry`, `simple-user`),
 * with every field the OpenAPI description marks as required. API links point at the emulator;
 * page links at the emulator's root, as on GitHub Enterprise Server.
 */
export interface ResourceUrls {
  readonly api: string;
  readonly html: string;
}

function toSimpleUser(user: StoredUser, urls: ResourceUrls) {
  const api = `${urls.api}/users/${encodeURIComponent(user.login)}`;
  return {
    login: user.login,
    id: user.id,
    node_id: nodeId("U", user.id),
    avatar_url: `${urls.html}/avatars/${user.id}`,
    gravatar_id: "",
    url: api,
    html_url: `${urls.html}/${encodeURIComponent(user.login)}`,
    followers_url: `${api}/followers`,
    following_url: `${api}/following{/other_user}`,
    gists_url: `${api}/gists{/gist_id}`,
    starred_url: `${api}/starred{/owner}{/repo}`,
    subscriptions_url: `${api}/subscriptions`,
    organizations_url: `${api}/orgs`,
    repos_url: `${api}/repos`,
    events_url: `${api}/events{/privacy}`,
    received_events_url: `${api}/received_events`,
    type: user.type,
    user_view_type: "public",
    site_admin: false,
  };
}

export function toIssueComment(repository: StoredRepository, comment: StoredComment, urls: ResourceUrls) {
  const repo = repositoryUrls(repository, urls);
  const issue = repository.issues.get(comment.issueNumber);
  const kind = issue?.pullRequest === undefined ? "issues" : "pull";
  return {
    id: comment.id,
    node_id: nodeId("IC", comment.id),
    url: `${repo.api}/issues/comments/${comment.id}`,
    html_url: `${repo.html}/${kind}/${comment.issueNumber}#issuecomment-${comment.id}`,
    body: comment.body,
    user: toSimpleUser(comment.user, urls),
    created_at: comment.createdAt,
    updated_at: comment.updatedAt,
    issue_url: `${repo.api}/issues/${comment.issueNumber}`,
    author_association: comment.user.type === "Bot" ? "NONE" : "MEMBER",
    performed_via_github_app: null,
    reactions: toReactions(`${repo.api}/issues/comments/${comment.id}/reactions`),
  };
}

export function toIssue(repository: StoredRepository, issue: StoredIssue, urls: ResourceUrls) {
  const repo = repositoryUrls(repository, urls);
  const api = `${repo.api}/issues/${issue.number}`;
  const comments = [...repository.comments.values()].filter((c) => c.issueNumber === issue.number).length;
  return {
    id: issue.id,
    node_id: nodeId(issue.pullRequest === undefined ? "I" : "PR", issue.id),
    url: api,
    repository_url: repo.api,
    labels_url: `${api}/labels{/name}`,
    comments_url: `${api}/comments`,
    events_url: `${api}/events`,
    html_url: `${repo.html}/${issue.pullRequest === undefined ? "issues" : "pull"}/${issue.number}`,
    number: issue.number,
    state: issue.state,
    state_reason: issue.stateReason,
    title: issue.title,
    body: issue.body,
    user: toSimpleUser(issue.user, urls),
    labels: issue.labels.flatMap((name) => {
      const label = repository.labels.get(name.toLowerCase());
      return label === undefined ? [] : [toLabel(repository, label, urls)];
    }),
    assignee: null,
    assignees: [],
    milestone: null,
    locked: false,
    active_lock_reason: null,
    comments,
    ...(issue.pullRequest === undefined
      ? {}
      : {
          pull_request: {
            url: `${repo.api}/pulls/${issue.number}`,
            html_url: `${repo.html}/pull/${issue.number}`,
            diff_url: `${repo.html}/pull/${issue.number}.diff`,
            patch_url: `${repo.html}/pull/${issue.number}.patch`,
            merged_at: null,
          },
        }),
    closed_at: issue.closedAt,
    created_at: issue.createdAt,
    updated_at: issue.updatedAt,
    closed_by: issue.closedBy === null ? null : toSimpleUser(issue.closedBy, urls),
    author_association: issue.user.type === "Bot" ? "NONE" : "MEMBER",
    performed_via_github_app: null,
    reactions: toReactions(`${api}/reactions`),
    timeline_url: `${api}/timeline`,
  };
}

export function toLabel(repository: StoredRepository, label: StoredLabel, urls: ResourceUrls) {
  return {
    id: label.id,
    node_id: nodeId("LA", label.id),
    url: `${repositoryUrls(repository, urls).api}/labels/${encodeURIComponent(label.name)}`,
    name: label.name,
    description: label.description,
    color: label.color,
    default: false,
  };
}

export function toDiffEntry(repository: StoredRepository, file: StoredFile, urls: ResourceUrls) {
  const repo = repositoryUrls(repository, urls);
  const sha = fakeSha(file.filename);
  const path = file.filename.split("/").map(encodeURIComponent).join("/");
  return {
    sha,
    filename: file.filename,
    status: file.status,
    additions: file.additions,
    deletions: file.deletions,
    changes: file.additions + file.deletions,
    blob_url: `${repo.html}/blob/${sha}/${path}`,
    raw_url: `${repo.html}/raw/${sha}/${path}`,
    contents_url: `${repo.api}/contents/${path}?ref=${sha}`,
  };
}

function repositoryUrls(repository: StoredRepository, urls: ResourceUrls): { api: string; html: string } {
  const path = `${encodeURIComponent(repository.owner)}/${encodeURIComponent(repository.name)}`;
  return { api: `${urls.api}/repos/${path}`, html: `${urls.html}/${path}` };
}

function toReactions(url: string) {
  return {
    url,
    total_count: 0,
    "+1": 0,
    "-1": 0,
    laugh: 0,
    confused: 0,
    heart: 0,
    hooray: 0,
    eyes: 0,
    rocket: 0,
  };
}

function nodeId(prefix: string, id: number): string {
  return `${prefix}_kwDO${id.toString(36).toUpperCase().padStart(8, "A")}`;
}

/** A stable 40-hex-digit stand-in for the blob sha. */
function fakeSha(text: string): string {
  let hash = 2166136261;
  for (const character of text) hash = Math.imul(hash ^ character.charCodeAt(0), 16777619) >>> 0;
  return hash.toString(16).padStart(8, "0").repeat(5);
}

/**
 * `public-user`, what `GET /user` answers for a personal token (without the private counters a
 * token with the `user` scope would also see).
 */
export function toPublicUser(user: StoredUser, urls: ResourceUrls) {
  const created = "2020-01-01T00:00:00Z";
  return {
    ...toSimpleUser(user, urls),
    name: null,
    company: null,
    blog: null,
    location: null,
    email: null,
    hireable: null,
    bio: null,
    public_repos: 0,
    public_gists: 0,
    followers: 0,
    following: 0,
    created_at: created,
    updated_at: created,
  };
}
