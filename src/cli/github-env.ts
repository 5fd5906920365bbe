import { readFileSync } from "node:fs";
import { appendFile } from "node:fs/promises";
import { UsageError } from "../core/diagnostics/errors.js";
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
}

const DEFAULT_API_URL = "https://api.github.com";

/**
 * Reads the standard Actions variables from `env`. The event file is read only to learn the pull
 * request number (`pull_request`, `pull_request_target` and `issue_comment` on a pull request).
 */
export function readGitHubEnv(
  env: CliContext["env"],
  readFile: (path: string) => string = (path) => readFileSync(path, "utf8"),
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
  };
}

function readPullRequestNumber(
  path: string | undefined,
  readFile: (path: string) => string,
): number | undefined {
  if (path === undefined) return undefined;
  let event: unknown;
  try {
    event = JSON.parse(readFile(path));
  } catch {
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

/** Appends Markdown to the job summary when the job has one (`GITHUB_STEP_SUMMARY`); else nothing. */
export async function appendStepSummary(env: CliContext["env"], markdown: string): Promise<void> {
  const file = envText(env, "GITHUB_STEP_SUMMARY");
  if (file !== undefined) await appendFile(file, markdown, "utf8");
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
