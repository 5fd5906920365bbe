import { type InstanceFileListing, readInstanceFile } from "../adapters/instance-files.js";
import { checkSourceAlone, type FileOutcome } from "../core/instance/validation-steps.js";
import type { InstanceSource } from "../core/instance/validation-types.js";
import { type PackedFacts, packFacts, unpackFacts } from "../core/rules/instance-facts.js";

/** A run of consecutive files of a listing, read and checked by one thread (validate-parallel.ts). */
export interface ChunkJob {
  readonly index: number;
  readonly folder: string;
  readonly prefix: string;
  readonly names: readonly string[];
  /** Keep each clean file's data (`ValidationOptions.instancesWanted`); a worker never posts it. */
  readonly keepData: boolean;
}

/** A chunk read and checked: its sources and each one's outcome, in the listing's order. */
export interface CheckedChunk {
  readonly sources: readonly InstanceSource[];
  readonly outcomes: readonly FileOutcome[];
}

/**
 * A chunk as a worker posts it back: the files' bytes packed into one buffer (transferred, not
 * copied) with where each ends; or, when a file could not be read, `unreadable` (the caller then
 * reads everything again on one thread, which reports the first such file exactly as always).
 */
export type ChunkMessage =
  | {
      readonly index: number;
      readonly files: readonly string[];
      readonly bytes: Uint8Array;
      readonly ends: readonly number[];
      readonly outcomes: readonly PostedOutcome[];
    }
  | { readonly index: number; readonly unreadable: true };

/**
 * An outcome as posted: a clean file is its packed facts alone (its data stays in the worker:
 * copying it costs more than reading it again, if the loaded instances are ever asked for).
 */
type PostedOutcome = Exclude<FileOutcome, { kind: "clean" }> | PackedFacts;

/** Reads and checks each file of `job` on its own (`checkSourceAlone`); undefined if one cannot be read. */
export function checkChunk(job: ChunkJob): CheckedChunk | undefined {
  const listing: Pick<InstanceFileListing, "folder" | "prefix"> = job;
  let sources: InstanceSource[];
  try {
    sources = job.names.map((name) => readInstanceFile(listing, name));
  } catch {
    return undefined;
  }
  return { sources, outcomes: sources.map((source) => checkSourceAlone(source, job.keepData)) };
}

/** `checkChunk` as a worker posts it, with the buffer to transfer. */
export function packChunk(job: ChunkJob): { message: ChunkMessage; transfer: ArrayBuffer[] } {
  const checked = checkChunk(job);
  if (checked === undefined) return { message: { index: job.index, unreadable: true }, transfer: [] };
  const total = checked.sources.reduce((sum, source) => sum + source.bytes.length, 0);
  const bytes = new Uint8Array(total);
  const ends: number[] = [];
  let end = 0;
  for (const source of checked.sources) {
    bytes.set(source.bytes, end);
    end += source.bytes.length;
    ends.push(end);
  }
  const files = checked.sources.map((source) => source.file);
  return {
    message: { index: job.index, files, bytes, ends, outcomes: checked.outcomes.map(post) },
    transfer: [bytes.buffer],
  };
}

function post(outcome: FileOutcome): PostedOutcome {
  return outcome.kind === "clean" ? packFacts(outcome.facts) : outcome;
}

function receive(outcome: PostedOutcome): FileOutcome {
  return isPacked(outcome) ? { kind: "clean", data: undefined, facts: unpackFacts(outcome) } : outcome;
}

function isPacked(outcome: PostedOutcome): outcome is PackedFacts {
  return Array.isArray(outcome);
}

/** The chunk a worker posted, as `checkChunk` would have returned it; undefined if unreadable. */
export function unpackChunk(message: ChunkMessage): CheckedChunk | undefined {
  if ("unreadable" in message) return undefined;
  let start = 0;
  const sources = message.files.map((file, index): InstanceSource => {
    const end = message.ends[index] ?? start;
    const bytes = message.bytes.subarray(start, end);
    start = end;
    return { file, bytes };
  });
  return { sources, outcomes: message.outcomes.map(receive) };
}
