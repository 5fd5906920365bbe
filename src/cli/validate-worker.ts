import { parentPort } from "node:worker_threads";
import { type ChunkJob, packChunk } from "./validate-chunk.js";

/**
 * A worker thread of `validate` (validate-parallel.ts): reads and checks each chunk it is sent,
 * posts it back, and waits for the next until it is terminated.
 */
parentPort?.on("message", (job: ChunkJob) => {
  const { message, transfer } = packChunk(job);
  parentPort?.postMessage(message, transfer);
});
