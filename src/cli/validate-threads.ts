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

/**
 * Cores one checking thread keeps busy: its own, plus V8's parallel garbage collector and libuv's
 * file reads (measured: 2.2 s of CPU in 1.7 s of wall for 10,000 files, README.md#performance).
 * On 2 idle cores a worker only competes with the main thread's collector: slower, not faster.
 */
const CORES_PER_THREAD = 1.3;

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
 * `PARALLEL_FROM_FILES` files; else as many as the cores other processes leave free can carry,
 * `CORES_PER_THREAD` each (a worker on a busy core only adds its start-up and slows this thread),
 * at least one, at most `MAX_THREADS`.
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
  const free = Math.max(0, cores - load);
  return Math.max(1, Math.min(MAX_THREADS, cores, Math.floor(free / CORES_PER_THREAD)));
}
