import type { EnsureCommentResult, GitHubClientOptions, GitHubPort } from "../adapters/github/github-port.js";
import { ServiceError, UsageError } from "../core/diagnostics/errors.js";
import type { ReconcileReport } from "../core/reconcile/report.js";
import { terminalText } from "../render/escape/terminal.js";
import {
  RECONCILE_COMMENT_MARKER,
  renderReportMarkdown,
  VOLATILE_REPORT_TIMES,
} from "../render/report-markdown.js";
import type { CliContext } from "./context.js";
import type { GitHubEnvironment, GitHubTarget } from "./github-env.js";

/**
 * Publishes the report where `--comment` asks: the one cspops comment on the pull request, with the
 * instances whose files the pull request changes first. Octokit is loaded only here. `target` comes
 * from `requireGitHubTarget`, checked before the report was made.
 */
export async function publishReport(
  report: ReconcileReport,
  target: GitHubTarget,
  context: CliContext,
  clientOptions: GitHubClientOptions = {},
): Promise<void> {
  const { github, pullRequest: pullNumber } = target;
  if (pullNumber === undefined) {
    throw new UsageError("--comment needs a pull request number", { hint: "pass --pr N" });
  }
  const port = await connectGitHub(github, clientOptions);
  const changed = await port.listPullRequestFiles(pullNumber);
  const body = renderReportMarkdown(report, {
    firstInstances: instancesChangedBy(report, changed),
    marker: RECONCILE_COMMENT_MARKER,
  });
  const result = await port.ensureComment({
    issueNumber: pullNumber,
    marker: RECONCILE_COMMENT_MARKER,
    body,
    // The times change on every run: a comment that differs only there is not rewritten (docs/pr-comment-and-dashboard.md).
    volatile: VOLATILE_REPORT_TIMES,
  });
  context.stderr.write(`cspops: ${terminalText(describeComment(result, pullNumber))}\n`);
}

/**
 * The GitHub port for the repository of `GITHUB_REPOSITORY`, imported lazily with Octokit.
 * `clientOptions` stay at their production defaults except in tests (throttling off).
 */
export async function connectGitHub(
  github: GitHubEnvironment,
  clientOptions: GitHubClientOptions = {},
): Promise<GitHubPort> {
  if (github.repository === undefined) {
    throw new ServiceError(
      "GitHub",
      github.repositoryText === undefined
        ? "GITHUB_REPOSITORY is not set, so cspops does not know which repository to write to"
        : `GITHUB_REPOSITORY '${github.repositoryText}' is not of the form owner/repo`,
      {
        code: "missing-repository",
        hint: "GitHub Actions sets it; elsewhere export GITHUB_REPOSITORY=owner/repo",
      },
    );
  }
  const { createGitHubPort } = await import("../adapters/github/create-github-port.js");
  return createGitHubPort(
    { token: github.token, ...github.repository, apiUrl: github.apiUrl },
    github.requestTimeoutMs === undefined
      ? clientOptions
      : { requestTimeoutMs: github.requestTimeoutMs, ...clientOptions },
  );
}

/**
 * Names of the instances declared in files the pull request changes. GitHub names files from the
 * repository root, the report from the working directory: a file matches on any whole-segment
 * suffix, so `cd deploy && cspops reconcile` still finds `deploy/instances/x.yaml`.
 */
export function instancesChangedBy(report: ReconcileReport, changedFiles: readonly string[]): string[] {
  const changed = new Set<string>();
  for (const file of changedFiles) {
    const segments = file.split("/");
    for (let start = 0; start < segments.length; start += 1) changed.add(segments.slice(start).join("/"));
  }
  return report.instances
    .filter((instance) => changed.has(instance.file.replace(/^\.\//, "")))
    .map((instance) => instance.name);
}

function describeComment(result: EnsureCommentResult, pullNumber: number): string {
  switch (result.action) {
    case "created":
      return `commented on pull request #${pullNumber}: ${result.url}`;
    case "updated":
      return `updated the comment on pull request #${pullNumber}: ${result.url}`;
    case "unchanged":
      return `the comment on pull request #${pullNumber} is up to date: ${result.url}`;
  }
}
