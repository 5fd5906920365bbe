import { UsageError } from "../core/diagnostics/errors.js";
import type { LoadedInstance } from "../core/instance/instance.js";
import { planReconcile } from "../core/reconcile/plan-reconcile.js";
import {
  isReconcileStatus,
  RECONCILE_STATUSES,
  type ReconcileReport,
  type ReconcileStatus,
} from "../core/reconcile/report.js";
import { type CliContext, envText } from "./context.js";
import { loadValidInstances } from "./load-instances.js";
import { obtainSnapshot } from "./obtain-snapshot.js";

export { resolveNow } from "./resolve-now.js";

export interface ReconcilePipelineOptions {
  /** `--dir`: the instances folder. */
  readonly dir: string;
  /** `--observed FILE`; live observation without it. */
  readonly observed?: string | undefined;
  /** The planning instant (see `resolveNow`). */
  readonly now: Date;
  /** `--allow-empty`: a folder without instance files is no error. */
  readonly allowEmpty?: boolean | undefined;
}

/**
 * The flow `reconcile` and `drift` share: load and validate the instances (invalid ones stop it with
 * the diagnostics of `validate`), obtain the observed state, plan. Consent links use
 * `CSPOPS_AUTHORITY_HOST` when it points the tool at another authority (the emulator).
 */
export async function runReconcilePipeline(
  options: ReconcilePipelineOptions,
  context: CliContext,
): Promise<{ readonly report: ReconcileReport; readonly instances: readonly LoadedInstance[] }> {
  const instances = await loadValidInstances(options.dir, context, { allowEmpty: options.allowEmpty });
  const snapshot = await obtainSnapshot({ observed: options.observed, dir: options.dir }, instances, context);
  const authority = envText(context.env, "CSPOPS_AUTHORITY_HOST");
  const report = planReconcile(instances, snapshot, options.now, { authority });
  return { report, instances };
}

/** `--fail-on STATUS,…` → the statuses that make the command exit 4. Unknown status → exit 2. */
export function parseFailOn(text: string | undefined): ReadonlySet<ReconcileStatus> {
  if (text === undefined) return new Set();
  const names = text
    .split(",")
    .map((name) => name.trim())
    .filter((name) => name !== "");
  if (names.length === 0)
    throw new UsageError("--fail-on needs at least one status", { hint: statusesHint() });
  const unknown = names.filter((name) => !isReconcileStatus(name));
  if (unknown.length > 0) {
    throw new UsageError(`--fail-on: unknown status ${unknown.map((name) => `'${name}'`).join(", ")}`, {
      hint: statusesHint(),
    });
  }
  return new Set(names.filter(isReconcileStatus));
}

/** `--pr N`: a positive whole number. */
export function parsePullRequestNumber(text: string | undefined): number | undefined {
  if (text === undefined) return undefined;
  if (!/^[1-9][0-9]{0,9}$/.test(text.trim())) {
    throw new UsageError(`--pr '${text}' is not a pull request number`, { hint: "for example --pr 42" });
  }
  return Number(text.trim());
}

function statusesHint(): string {
  return `statuses: ${RECONCILE_STATUSES.join(", ")}`;
}
