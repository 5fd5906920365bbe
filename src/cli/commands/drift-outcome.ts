import type { EnsureIssueResult } from "../../adapters/github/github-port.js";
import type { DashboardChanges } from "../../core/notify/detect-changes.js";

/** What one `drift --issue` run did on GitHub. */
export interface DashboardOutcome {
  readonly issue: EnsureIssueResult;
  readonly changes: DashboardChanges;
  /** The notification comment it added, if any. */
  readonly comment?:
    | { readonly kind: "worsened" | "all-ready"; readonly id: number; readonly url: string }
    | undefined;
  /** There was no dashboard before this run. */
  readonly created: boolean;
}

export function describeIssue(outcome: DashboardOutcome): string {
  const result = outcome.issue;
  const issue = result.number === undefined ? "" : ` #${result.number}: ${result.url}`;
  const notified =
    outcome.comment === undefined
      ? ""
      : outcome.comment.kind === "worsened"
        ? `; notified about ${outcome.changes.worsened.length} instance(s) that got worse`
        : "; said so in a comment";
  switch (result.action) {
    case "absent":
      return "everything is ready and there is no drift issue to close";
    case "unchanged":
      return `the drift issue is up to date${issue}${notified}`;
    default:
      return `${result.action} the drift issue${issue}${notified}`;
  }
}
