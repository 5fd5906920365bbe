import { appendFile, stat } from "node:fs/promises";
import { READ_LIMITS, readBoundedText } from "../adapters/bounded-read.js";
import { InputError, UsageError } from "../core/diagnostics/errors.js";
import { type CliContext, envText } from "./context.js";

/** The GitHub Actions environment cspops reads (docs/cli.md#environment), gathered in one place. */
export interface GitHubEnvironment {
  /** `GITHUB_TOKEN`; blank counts as missing. */
  readonly token: string | undefined;
  /** `GITHUB_REPOSITORY` split, when it has the `owner/repo` shape. */
  readonly repository: { readonly owner: string; readonly repo: string } | undefined;
  /** `GITHUB_REPOSITORY` as given, for messages. */
  readonly repositoryText: string | undefined;
  /** `GITHUB_API_URL`, default `https://api.github.com`. */
  readonly apiUrl: string;
  /** The pull request of the event in `GITHUB_EVENT_PATH`, if it is about one. */
  readonly pullRequest: number | undefined;
  /** `CSPOPS_GITHUB_TIMEOUT_SECONDS` in milliseconds: how long one GitHub request may take. */
  readonly requestTimeoutMs: number | undefined;
}

const DEFAULT_API_URL = "https://api.github.com";

/**
 * Reads the standard Actions variables from `env`. The event file is read only to learn the pull
 * request number (`pull_request`, `pull_request_target` and `issue_comment` on a pull request).
 */
export function readGitHubEnv(
  env: CliContext["env"],
  readFile: (path: string) => string | undefined = readEventPayload,
): GitHubEnvironment {
  const repositoryText = envText(env, "GITHUB_REPOSITORY");
  const [owner, repo, extra] = (repositoryText ?? "").split("/");
  const repository =
    owner !== undefined && owner !== "" && repo !== undefined && repo !== "" && extra === undefined
      ? { owner, repo }
      : undefined;
  return {
    token: envText(env, "GITHUB_TOKEN"),
    repository,
    repositoryText,
    apiUrl: envText(env, "GITHUB_API_URL") ?? DEFAULT_API_URL,
    pullRequest: readPullRequestNumber(envText(env, "GITHUB_EVENT_PATH"), readFile),
    requestTimeoutMs: readRequestTimeout(env),
  };
}

/**
 * The event payload, bounded like every file cspops reads; undefined when there is none. A path
 * that is not a regular file (a FIFO, `/dev/urandom`) or an oversized payload is an `InputError`.
 */
function readEventPayload(path: string): string | undefined {
  try {
    return readBoundedText(path, {
      maxBytes: READ_LIMITS.eventPayload,
      shownAs: `GITHUB_EVENT_PATH (${path})`,
      hint: "GITHUB_EVENT_PATH names the event's JSON file, which GitHub Actions writes; unset it outside Actions",
    });
  } catch (error) {
    if ((error as { cause?: { code?: unknown } }).cause?.code === "ENOENT") return undefined;
    throw error;
  }
}

const TIMEOUT_VARIABLE = "CSPOPS_GITHUB_TIMEOUT_SECONDS";
const MAX_TIMEOUT_SECONDS = 300;

/** `CSPOPS_GITHUB_TIMEOUT_SECONDS`: a number of seconds over 0 and at most 300; else a usage error. */
function readRequestTimeout(env: CliContext["env"]): number | undefined {
  const text = envText(env, TIMEOUT_VARIABLE);
  if (text === undefined) return undefined;
  const seconds = Number(text);
  if (!/^\d+(\.\d+)?$/.test(text) || !(seconds > 0) || seconds > MAX_TIMEOUT_SECONDS) {
    throw new UsageError(
      `${TIMEOUT_VARIABLE} must be a number of seconds, over 0 and at most ${MAX_TIMEOUT_SECONDS}`,
      {
        hint: `unset it for the default (15 s), or set e.g. ${TIMEOUT_VARIABLE}=30`,
      },
    );
  }
  return Math.round(seconds * 1000);
}

function readPullRequestNumber(
  path: string | undefined,
  readFile: (path: string) => string | undefined,
): number | undefined {
  if (path === undefined) return undefined;
  let event: unknown;
  try {
    const text = readFile(path);
    if (text === undefined) return undefined;
    event = JSON.parse(text);
  } catch (error) {
    // A file that is no event (missing, not JSON) means "no pull request"; one that cannot be
    // read safely is said out loud.
    if (error instanceof InputError) throw error;
    return undefined;
  }
  const payload = event as {
    pull_request?: { number?: unknown };
    issue?: { number?: unknown; pull_request?: unknown };
  };
  const candidates = [
    payload.pull_request?.number,
    payload.issue?.pull_request === undefined ? undefined : payload.issue.number,
  ];
  return candidates.find((value): value is number => Number.isInteger(value) && (value as number) > 0);
}

/**
 * Appends Markdown to the job summary when the job has one (`GITHUB_STEP_SUMMARY`); else nothing.
 * A summary cspops cannot append to (a directory, a FIFO that would block, a missing folder, no
 * permission) is a usage error that names the variable, never a stack trace.
 */
export async function appendStepSummary(env: CliContext["env"], markdown: string): Promise<void> {
  const file = envText(env, "GITHUB_STEP_SUMMARY");
  if (file === undefined) return;
  const kind = await stat(file).then(
    (found) =>
      found.isDirectory() ? "a directory" : found.isFIFO() || found.isSocket() ? "not a file" : undefined,
    () => undefined,
  );
  if (kind !== undefined) throw stepSummaryError(file, kind);
  try {
    await appendFile(file, markdown, "utf8");
  } catch (error) {
    throw stepSummaryError(file, describeFsError(error));
  }
}

function stepSummaryError(file: string, reason: string): UsageError {
  return new UsageError(
    `cannot write the job summary: GITHUB_STEP_SUMMARY (${JSON.stringify(file)}) is ${reason}`,
    {
      hint: "GitHub Actions sets GITHUB_STEP_SUMMARY to a file it creates; outside a workflow, unset it or point it at a writable file",
    },
  );
}

function describeFsError(error: unknown): string {
  const code = (error as { code?: unknown } | null)?.code;
  switch (code) {
    case "EISDIR":
      return "a directory";
    case "ENOENT":
    case "ENOTDIR":
      return "in a folder that does not exist";
    case "EACCES":
    case "EPERM":
    case "EROFS":
      return "not writable";
    default:
      return `not writable (${typeof code === "string" ? code : "unknown error"})`;
  }
}

/** Where `--comment` or `--issue` writes, known to be complete before any work starts. */
export interface GitHubTarget {
  readonly github: GitHubEnvironment;
  /** `--comment` only: `--pr N`, else the pull request of `GITHUB_EVENT_PATH`. */
  readonly pullRequest: number | undefined;
}

// biome-ignore lint/suspicious/noTemplateCurlyInString: a GitHub Actions expression, not a JS template.
const TOKEN_EXPRESSION = "${{ secrets.GITHUB_TOKEN }}";

/**
 * Checks what `--comment` (a pull request number, `GITHUB_TOKEN`, `GITHUB_REPOSITORY`) or `--issue`
 * (`GITHUB_TOKEN`, `GITHUB_REPOSITORY`) needs, before any file is read or any service is called, so
 * that a missing variable costs no observation. All that is missing is named at once; exit 2.
 */
export function requireGitHubTarget(
  flag: "--comment" | "--issue",
  github: GitHubEnvironment,
  pr?: number | undefined,
): GitHubTarget {
  const pullRequest = pr ?? github.pullRequest;
  const missing: string[] = [];
  const fixes: string[] = [];
  if (flag === "--comment" && pullRequest === undefined) {
    missing.push("a pull request number");
    fixes.push("pass --pr N, or run in a workflow triggered by pull_request (GITHUB_EVENT_PATH names it)");
  }
  if (github.token === undefined) {
    missing.push("GITHUB_TOKEN");
    fixes.push(
      `in a workflow add \`env: GITHUB_TOKEN: ${TOKEN_EXPRESSION}\` to the step; locally export a token that may write ${flag === "--comment" ? "pull request comments" : "issues"}`,
    );
  }
  if (github.repository === undefined) {
    missing.push(
      github.repositoryText === undefined
        ? "GITHUB_REPOSITORY"
        : `GITHUB_REPOSITORY of the form owner/repo (not '${github.repositoryText}')`,
    );
    fixes.push("GitHub Actions sets GITHUB_REPOSITORY; elsewhere export GITHUB_REPOSITORY=owner/repo");
  }
  if (missing.length > 0) {
    throw new UsageError(`${flag} needs ${joinWords(missing)}`, { hint: fixes.join("\n        ") });
  }
  return { github, pullRequest };
}

function joinWords(words: readonly string[]): string {
  return words.length <= 1 ? (words[0] ?? "") : `${words.slice(0, -1).join(", ")} and ${words.at(-1)}`;
}
