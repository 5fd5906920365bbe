import { availableParallelism } from "node:os";
import { UsageError } from "../core/diagnostics/errors.js";
import { type CliContext, envText } from "./context.js";

/**
 * From this many files on, reading and checking them on several threads pays for starting the
 * workers (each loads the validator and js-yaml: tens of milliseconds).
 */
export const PARALLEL_FROM_FILES = 1000;

/** The most threads `validate` uses: more than a few only add start-up work for small folders. */
const MAX_THREADS = 8;

/**
 * How many threads read and check `fileCount` instance files (docs/cli.md): one below
 * `PARALLEL_FROM_FILES` files or on one core, else one per core, at most `MAX_THREADS`.
 * `CSPOPS_VALIDATE_THREADS` overrides it, whatever the count (`1`: this thread only); it exists
 * for tests and benchmarks, which compare the two paths' output.
 */
export function validateThreads(fileCount: number, env: CliContext["env"]): number {
  const forced = envText(env, "CSPOPS_VALIDATE_THREADS");
  if (forced !== undefined) {
    if (!/^[1-9][0-9]?$/.test(forced)) {
      throw new UsageError(`CSPOPS_VALIDATE_THREADS must be a whole number from 1 to 99, not '${forced}'`, {
        hint: "unset it to let cspops choose",
      });
    }
    return Number(forced);
  }
  if (fileCount < PARALLEL_FROM_FILES) return 1;
  return Math.max(1, Math.min(MAX_THREADS, availableParallelism()));
}
