/** A user or bot as the emulator stores it: GitHub's `simple-user` is derived from the login. */
export interface StoredUser {
  readonly login: string;
  readonly id: number;
  readonly type: "User" | "Bot";
}

export interface StoredComment {
  readonly id: number;
  readonly issueNumber: number;
  body: string;
  readonly user: StoredUser;
  readonly createdAt: string;
  updatedAt: string;
}

/** An issue or a pull request: GitHub numbers both from one sequence per repository. */
export interface StoredIssue {
  readonly id: number;
  readonly number: number;
  title: string;
  body: string | null;
  state: "open" | "closed";
  stateReason: "completed" | "reopened" | "not_planned" | "duplicate" | null;
  labels: string[];
  readonly user: StoredUser;
  readonly pullRequest: { readonly files: readonly StoredFile[] } | undefined;
  readonly createdAt: string;
  updatedAt: string;
  closedAt: string | null;
  closedBy: StoredUser | null;
}

export interface StoredFile {
  readonly filename: string;
  readonly status: "added" | "removed" | "modified" | "renamed";
  readonly additions: number;
  readonly deletions: number;
}

export interface StoredLabel {
  readonly id: number;
  readonly name: string;
  readonly color: string;
  readonly description: string | null;
}

export interface StoredRepository {
  readonly id: number;
  readonly owner: string;
  readonly name: string;
  readonly issues: Map<number, StoredIssue>;
  readonly comments: Map<number, StoredComment>;
  /** Keyed by lower-case name: GitHub label names are case-insensitive. */
  readonly labels: Map<string, StoredLabel>;
}

/**
 * The emulator's data, shared by the HTTP handlers and the test that seeds and inspects it.
 * Ids come from one counter, as on GitHub, so a later comment always has a higher id.
 */
export class GitHubState {
  readonly repositories = new Map<string, StoredRepository>();
  private nextId = 1_000;
  private readonly users = new Map<string, StoredUser>();

  constructor(private readonly now: () => Date) {}

  /** The repository `owner/name`, created empty when it does not exist yet. */
  addRepository(fullName: string): StoredRepository {
    const existing = this.findRepository(fullName);
    if (existing !== undefined) return existing;
    const [owner = "", name = ""] = fullName.split("/");
    const repository: StoredRepository = {
      id: this.allocateId(),
      owner,
      name,
      issues: new Map(),
      comments: new Map(),
      labels: new Map(),
    };
    this.repositories.set(fullName.toLowerCase(), repository);
    return repository;
  }

  findRepository(fullName: string): StoredRepository | undefined {
    return this.repositories.get(fullName.toLowerCase());
  }

  /** Opens a pull request that changes `files`; returns its number. */
  addPullRequest(
    fullName: string,
    pull: { files: readonly string[]; title?: string; author?: string },
  ): number {
    const repository = this.addRepository(fullName);
    const number = repository.issues.size + 1;
    repository.issues.set(number, {
      id: this.allocateId(),
      number,
      title: pull.title ?? `Pull request ${number}`,
      body: null,
      state: "open",
      stateReason: null,
      labels: [],
      user: this.user(pull.author ?? "octocat"),
      pullRequest: {
        files: pull.files.map((filename) => ({ filename, status: "modified", additions: 1, deletions: 1 })),
      },
      createdAt: this.timestamp(),
      updatedAt: this.timestamp(),
      closedAt: null,
      closedBy: null,
    });
    return number;
  }

  createIssue(
    repository: StoredRepository,
    issue: { title: string; body: string | null; labels: readonly string[]; author: string },
  ): StoredIssue {
    const labels = issue.labels.map((name) => this.ensureLabel(repository, name).name);
    const stored: StoredIssue = {
      id: this.allocateId(),
      number: repository.issues.size + 1,
      title: issue.title,
      body: issue.body,
      state: "open",
      stateReason: null,
      labels,
      user: this.user(issue.author),
      pullRequest: undefined,
      createdAt: this.timestamp(),
      updatedAt: this.timestamp(),
      closedAt: null,
      closedBy: null,
    };
    repository.issues.set(stored.number, stored);
    return stored;
  }

  /** Adds a comment to an issue or pull request, as `author` (a person, unless a test says otherwise). */
  addComment(fullName: string, issueNumber: number, body: string, author = "mona"): StoredComment {
    const repository = this.addRepository(fullName);
    const comment: StoredComment = {
      id: this.allocateId(),
      issueNumber,
      body,
      user: this.user(author),
      createdAt: this.timestamp(),
      updatedAt: this.timestamp(),
    };
    repository.comments.set(comment.id, comment);
    return comment;
  }

  /** The comments on one issue or pull request, oldest first (GitHub's order). */
  commentsOn(fullName: string, issueNumber: number): StoredComment[] {
    const repository = this.findRepository(fullName);
    if (repository === undefined) return [];
    return [...repository.comments.values()]
      .filter((comment) => comment.issueNumber === issueNumber)
      .sort((a, b) => a.id - b.id);
  }

  /** Issues that are not pull requests, by number. */
  issuesOf(fullName: string): StoredIssue[] {
    const repository = this.findRepository(fullName);
    if (repository === undefined) return [];
    return [...repository.issues.values()].filter((issue) => issue.pullRequest === undefined);
  }

  /** The label `name` (any case), created with GitHub's default colour when missing. */
  ensureLabel(
    repository: StoredRepository,
    name: string,
    details: { color?: string; description?: string | null } = {},
  ): StoredLabel {
    const existing = repository.labels.get(name.toLowerCase());
    if (existing !== undefined) return existing;
    const label: StoredLabel = {
      id: this.allocateId(),
      name,
      color: details.color ?? "ededed",
      description: details.description ?? null,
    };
    repository.labels.set(name.toLowerCase(), label);
    return label;
  }

  user(login: string): StoredUser {
    const existing = this.users.get(login);
    if (existing !== undefined) return existing;
    const user: StoredUser = { login, id: this.allocateId(), type: login.endsWith("[bot]") ? "Bot" : "User" };
    this.users.set(login, user);
    return user;
  }

  timestamp(): string {
    return this.now()
      .toISOString()
      .replace(/\.\d{3}Z$/, "Z");
  }

  private allocateId(): number {
    this.nextId += 1;
    return this.nextId;
  }
}
