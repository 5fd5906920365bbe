import { availableParallelism, loadavg } from "node:os";
import { UsageError } from "../core/diagnostics/errors.js";
import { type CliContext, envText } from "./context.js";

/**
 * From this many files on, reading and checking them on several threads can pay for starting a
 * worker (Node's worker start-up and loading the validator: ~150 ms of CPU on another core).
 */
export const PARALLEL_FROM_FILES = 1000;

/** The most threads `validate` uses: each adds start-up work and memory. */
const MAX_THREADS = 8;

/** The machine as the thread count sees it: its cores and its load (the 1-minute average). */
export interface MachineLoad {
  readonly cores: number;
  readonly load: number;
}

export function machineLoad(): MachineLoad {
  return { cores: availableParallelism(), load: loadavg()[0] ?? 0 };
}

/**
 * How many threads read and check `fileCount` instance files (docs/cli.md): one below
 * `PARALLEL_FROM_FILES` files; else this one plus one per core other processes leave free (a
 * worker on a busy core only adds its start-up and slows this thread), at most `MAX_THREADS`.
 * `CSPOPS_VALIDATE_THREADS` overrides it, whatever the count (`1`: this thread only); it exists for
 * tests and benchmarks, which compare the two paths' output and time.
 */
export function validateThreads(
  fileCount: number,
  env: CliContext["env"],
  machine: () => MachineLoad = machineLoad,
): number {
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
  const { cores, load } = machine();
  const free = Math.round(Math.max(0, cores - load));
  return Math.max(1, Math.min(MAX_THREADS, cores, 1 + free));
}
