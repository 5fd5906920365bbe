import type { ReconcileReport } from "../core/reconcile/report.js";
import { stringifyRedacted } from "./escape/json.js";

/** The report model v1 as JSON (`--format json`): the only thing written to stdout; no credentials. */
export function renderReportJson(report: ReconcileReport): string {
  return `${stringifyRedacted(report)}\n`;
}
