import type { ReconcileReport } from "../core/reconcile/report.js";

/** The report model v1 as JSON (`--format json`): the only thing written to stdout. */
export function renderReportJson(report: ReconcileReport): string {
  return `${JSON.stringify(report, null, 2)}\n`;
}
