import { UsageError } from "../core/diagnostics/errors.js";
import { parseInstant } from "../core/reconcile/dates.js";
import { type CliContext, envText } from "./context.js";

/** `--now` wins over `CSPOPS_NOW`; without either, the clock. Invalid → usage error (exit 2). */
export function resolveNow(
  flag: string | undefined,
  context: CliContext,
  clock: () => Date = () => new Date(),
): Date {
  const [text, source] =
    flag !== undefined ? [flag, "--now"] : [envText(context.env, "CSPOPS_NOW"), "CSPOPS_NOW"];
  if (text === undefined) return clock();
  const now = parseInstant(text);
  if (now === undefined) {
    throw new UsageError(`${source} '${text}' is not an ISO 8601 date or date-time with a time zone`, {
      hint: "for example 2026-11-20 (midnight UTC) or 2026-11-20T10:00:00Z",
    });
  }
  return now;
}
