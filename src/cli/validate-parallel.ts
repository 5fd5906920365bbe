import { Worker } from "node:worker_threads";
import type { InstanceFileListing } from "../adapters/instance-files.js";
import type { FileOutcome } from "../core/instance/validation-steps.js";
import type { InstanceSource } from "../core/instance/validation-types.js";
import {
  type CheckedChunk,
  type ChunkJob,
  type ChunkMessage,
  checkChunk,
  unpackChunk,
} from "./validate-chunk.js";

/** Chunks each worker holds at once: it starts the next while the main thread is busy with its own. */
const IN_FLIGHT_PER_WORKER = 2;

/** The worker's script, next to this one once built (dist/cli/validate-worker.js). */
const WORKER = new URL("./validate-worker.js", import.meta.url);

/** Every file's source and outcome, in the listing's order, and how many chunks workers did. */
export interface CheckedFiles {
  readonly sources: InstanceSource[];
  readonly outcomes: FileOutcome[];
  readonly chunksByWorkers: number;
}

/**
 * Reads and checks every file of `listing` on its own (`checkSourceAlone`) on `threads` threads:
 * this one and `threads - 1` workers (validate-worker.ts) take chunks of consecutive files from
 * one queue, and the results are put back in the listing's order, so what follows (the cross-file
 * rules, the `yaml` library for files with anything to report, the output) is the same as on one
 * thread. A worker that fails to start or dies leaves its chunks to the others. Undefined when a
 * file cannot be read: the caller then reads on one thread, which reports that file as always.
 */
export async function checkInParallel(
  listing: InstanceFileListing,
  threads: number,
  options: { readonly keepData: boolean; readonly workerScript?: URL } = { keepData: true },
): Promise<CheckedFiles | undefined> {
  const jobs = splitIntoChunks(listing, threads, options.keepData);
  const workerScript = options.workerScript ?? WORKER;
  const results: (CheckedChunk | undefined)[] = new Array(jobs.length);
  const retry: number[] = [];
  let next = 0;
  let unreadable = false;
  let chunksByWorkers = 0;
  const take = (): ChunkJob | undefined => {
    if (unreadable) return undefined;
    const index = retry.pop() ?? (next < jobs.length ? next++ : undefined);
    return index === undefined ? undefined : jobs[index];
  };
  const settle = (index: number, chunk: CheckedChunk | undefined): void => {
    if (chunk === undefined) unreadable = true;
    else results[index] = chunk;
  };

  const byWorker = (index: number, chunk: CheckedChunk | undefined): void => {
    chunksByWorkers++;
    settle(index, chunk);
  };
  const workers = Array.from({ length: threads - 1 }, () => runWorker(workerScript, take, byWorker, retry));
  for (;;) {
    for (let job = take(); job !== undefined; job = take()) {
      settle(job.index, checkChunk(job));
      // Let the workers' messages in: each gets its next chunk while this thread works on its own.
      await new Promise((resume) => setImmediate(resume));
    }
    await Promise.all(workers);
    if (retry.length === 0 || unreadable) break;
  }
  if (unreadable) return undefined;

  const sources: InstanceSource[] = [];
  const outcomes: FileOutcome[] = [];
  for (const chunk of results) {
    if (chunk === undefined) return undefined;
    sources.push(...chunk.sources);
    outcomes.push(...chunk.outcomes);
  }
  return { sources, outcomes, chunksByWorkers };
}

/**
 * About sixteen chunks per thread, of 32 to 250 files each (a few tens of milliseconds): small
 * enough that the threads end close together, large enough that messages cost little.
 */
function splitIntoChunks(listing: InstanceFileListing, threads: number, keepData: boolean): ChunkJob[] {
  const size = Math.min(250, Math.max(32, Math.ceil(listing.names.length / (threads * 16))));
  const jobs: ChunkJob[] = [];
  for (let start = 0; start < listing.names.length; start += size) {
    jobs.push({
      index: jobs.length,
      folder: listing.folder,
      prefix: listing.prefix,
      names: listing.names.slice(start, start + size),
      keepData,
    });
  }
  return jobs;
}

/**
 * One worker: keeps up to `IN_FLIGHT_PER_WORKER` chunks of the queue in hand until the queue is
 * empty. If it fails, its chunks go back to the queue (`retry`) and the promise still resolves.
 */
function runWorker(
  script: URL,
  take: () => ChunkJob | undefined,
  settle: (index: number, chunk: CheckedChunk | undefined) => void,
  retry: number[],
): Promise<void> {
  return new Promise((done) => {
    const inHand = new Set<number>();
    let finished = false;
    const finish = (): void => {
      if (finished) return;
      finished = true;
      retry.push(...inHand);
      inHand.clear();
      done();
      void worker.terminate();
    };
    const worker = new Worker(script);
    const refill = (): void => {
      while (inHand.size < IN_FLIGHT_PER_WORKER) {
        const job = take();
        if (job === undefined) break;
        inHand.add(job.index);
        worker.postMessage(job);
      }
      if (inHand.size === 0) finish();
    };
    worker.on("message", (message: ChunkMessage) => {
      inHand.delete(message.index);
      settle(message.index, unpackChunk(message));
      refill();
    });
    worker.on("error", finish);
    worker.on("exit", finish);
    refill();
  });
}
