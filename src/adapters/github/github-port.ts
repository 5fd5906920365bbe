/**
 * What cspops does on GitHub, as idempotent `ensure*` verbs: each call reads the current state
 * first and writes only the difference, so running it twice changes nothing the second time.
 * Implementations translate every failure into a `ServiceError` (service "GitHub") whose message
 * says what to fix, and never carry the token.
 */
export interface GitHubPort {
  /**
   * Makes the one comment on issue or pull request `issueNumber` that contains `marker` say `body`:
   * creates it when there is none, edits it when it differs, and writes nothing when it is the same.
   * Only comments written by a bot account, or by the identity the token belongs to, count as
   * cspops's: a person's comment is never adopted, edited or deleted, marker or not. Of ours, the
   * oldest is kept and stale duplicates are deleted; when two runs race, both keep the comment
   * with the lowest id and the other run deletes the duplicate it created.
   */
  ensureComment(request: EnsureCommentRequest): Promise<EnsureCommentResult>;

  /**
   * Makes the one issue that carries `label` and contains `marker` open with `title` and `body`:
   * opens it when there is none (creating the label when missing), reopens it when it was closed,
   * edits it when it differs, and writes nothing when it is the same. As for comments, only an
   * issue written by a bot or by the token's identity counts; of those the oldest is kept and any
   * other still open is closed as a duplicate (issues cannot be deleted).
   */
  ensureIssue(request: EnsureIssueRequest): Promise<EnsureIssueResult>;

  /**
   * Makes that issue closed as completed with `title` and `body`; does nothing when there is no
   * such issue (nothing to report) or when it is already closed with that text.
   */
  ensureIssueClosed(request: EnsureIssueRequest): Promise<EnsureIssueResult>;

  /**
   * The issue `ensureIssue` would adopt (oldest with `label` whose body carries `marker`), as it is
   * now; undefined when there is none. Read before writing, to learn what the last run left there.
   */
  findIssue(request: Pick<EnsureIssueRequest, "marker" | "label">): Promise<MarkedIssue | undefined>;

  /**
   * Adds a comment to issue `issueNumber`: the one write that notifies people (editing a body does
   * not). Not retried when the outcome is unknown, so people are never notified twice by one run.
   */
  addComment(issueNumber: number, body: string): Promise<{ readonly id: number; readonly url: string }>;

  /** Repository-relative paths of the files pull request `pullNumber` changes (renames: both names). */
  listPullRequestFiles(pullNumber: number): Promise<string[]>;
}

export interface EnsureCommentRequest {
  readonly issueNumber: number;
  /** A hidden HTML comment such as `<!-- cspops:reconcile -->`, contained in `body`. */
  readonly marker: string;
  readonly body: string;
  /** Text that changes on every run without being news (a "checked at" time): ignored when comparing. */
  readonly volatile?: RegExp | undefined;
}

export interface EnsureCommentResult {
  readonly action: "created" | "updated" | "unchanged";
  readonly id: number;
  readonly url: string;
}

export interface EnsureIssueRequest {
  /** A hidden HTML comment such as `<!-- cspops:drift -->`, contained in `body`. */
  readonly marker: string;
  /** The label that finds the issue cheaply; created when missing. */
  readonly label: EnsureLabel;
  readonly title: string;
  readonly body: string;
  /** Text that changes on every run without being news (a "checked at" time): ignored when comparing. */
  readonly volatile?: RegExp | undefined;
}

export interface EnsureLabel {
  readonly name: string;
  /** Six hex digits, no `#`. */
  readonly color: string;
  readonly description: string;
}

export interface MarkedIssue {
  readonly number: number;
  readonly state: "open" | "closed";
  readonly body: string;
  readonly url: string;
}

export interface EnsureIssueResult {
  readonly action: "created" | "updated" | "reopened" | "closed" | "unchanged" | "absent";
  /** Absent only when `action` is `absent`. */
  readonly number?: number;
  readonly url?: string;
}

/** Where and as whom the port talks to GitHub. */
export interface GitHubConnection {
  /** `GITHUB_TOKEN` or another token; never logged, never in an error. */
  readonly token: string | undefined;
  readonly owner: string;
  readonly repo: string;
  /** REST base URL, `https://api.github.com` or a GitHub Enterprise Server / emulator URL. */
  readonly apiUrl: string;
}

/** How hard the client works to get through; production keeps the defaults. */
export interface GitHubClientOptions {
  /** Space writes ~1 s apart and wait out rate limits (plugin-throttling). Default true; tests turn it off. */
  readonly throttle?: boolean;
  /** Retries of a failed idempotent request (plugin-retry). Default 3. */
  readonly retries?: number;
  /** Base of the retry back-off: retry n waits n² × this. Default 1,000 ms. */
  readonly retryBaseMs?: number;
  /** Longest rate-limit wait the client accepts before failing instead. Default 60 s. */
  readonly maxRateLimitWaitSeconds?: number;
  /**
   * How long one request may take, answer included, before it fails (and is not repeated).
   * Default `DEFAULT_GITHUB_TIMEOUT_MS`.
   */
  readonly requestTimeoutMs?: number;
}

/**
 * 15 s: GitHub itself ends a request that takes over 10 s, so no answer after 15 s means none is
 * coming. A silent server fails the run after one timeout; a run whose writes all hang ends
 * within 60 s (three tries of a create, with their back-offs).
 */
export const DEFAULT_GITHUB_TIMEOUT_MS = 15_000;

/** GitHub's limit on a comment or issue body, in characters. */
export const GITHUB_BODY_LIMIT = 65_536;
