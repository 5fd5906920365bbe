import { closeSync, constants, fstatSync, openSync, readSync, type Stats } from "node:fs";
import { InputError } from "../core/diagnostics/errors.js";
import { MAX_INSTANCE_FILE_BYTES } from "../core/yaml/yaml-decode.js";

/**
 * Caps on what cspops reads from a file (docs/security.md). Each is far above any real input and
 * far below what would hurt: reading stops at the cap + 1 byte, never after the whole file.
 */
export const READ_LIMITS = {
  /** An instance file describes one partner account in a few dozen lines. */
  instanceFile: MAX_INSTANCE_FILE_BYTES,
  /** `observe --out` for thousands of tenants is a few MB; 64 MiB leaves room for 10× that. */
  snapshot: 64 * 1024 * 1024,
  /** GitHub caps webhook payloads at 25 MB; `GITHUB_EVENT_PATH` holds one. */
  eventPayload: 25 * 1024 * 1024,
  /** `pulumi stack output --json` for thousands of instances is a few MB. */
  stackOutputs: 16 * 1024 * 1024,
} as const;

/** What `readBoundedFile` read: at most `maxBytes + 1` bytes, so a caller sees "over the cap". */
export interface BoundedBytes {
  readonly bytes: Buffer;
  /** The file holds more than `maxBytes` bytes; `bytes` stops at `maxBytes + 1`. */
  readonly overLimit: boolean;
}

export interface BoundedReadOptions {
  readonly maxBytes: number;
  /** How messages name the file (the path as the user gave it). */
  readonly shownAs: string;
  readonly hint?: string | undefined;
}

const CHUNK_BYTES = 64 * 1024;

/**
 * Reads a regular file (a symbolic link only when it leads to one), at most `maxBytes + 1` bytes.
 * The file is opened non-blocking, so a FIFO never blocks the open, and checked on the open
 * handle, so it cannot be swapped between the check and the read. Anything else (FIFO, device,
 * socket, folder) or an unreadable file is an `InputError` naming the file (exit 1).
 */
export function readBoundedFile(path: string, options: BoundedReadOptions): BoundedBytes {
  const { shownAs, hint } = options;
  let handle: number;
  try {
    handle = openSync(path, constants.O_RDONLY | constants.O_NONBLOCK | (constants.O_NOCTTY ?? 0));
  } catch (cause) {
    throw new InputError(`cannot read ${shownAs}: ${describeFsError(cause)}`, { hint, cause });
  }
  try {
    const stats = fstatSync(handle);
    const kind = describeKind(stats);
    if (kind !== undefined) {
      throw new InputError(`cannot read ${shownAs}: it is ${kind}, not a regular file`, {
        hint: hint ?? "pass a regular file (a symbolic link must lead to one)",
      });
    }
    return readUpTo(handle, options.maxBytes + 1, stats.size);
  } catch (cause) {
    if (cause instanceof InputError) throw cause;
    throw new InputError(`cannot read ${shownAs}: ${describeFsError(cause)}`, { hint, cause });
  } finally {
    closeSync(handle);
  }
}

/** `readBoundedFile` as UTF-8 text; a file over the cap is an `InputError` that says the cap. */
export function readBoundedText(path: string, options: BoundedReadOptions): string {
  const { bytes, overLimit } = readBoundedFile(path, options);
  if (overLimit) throw overLimitError(options.shownAs, options.maxBytes, options.hint);
  return bytes.toString("utf8");
}

export function overLimitError(shownAs: string, maxBytes: number, hint?: string): InputError {
  return new InputError(`${shownAs} is larger than ${formatBytes(maxBytes)}; cspops reads at most that`, {
    hint: hint ?? "check that this is the right file",
  });
}

function readUpTo(handle: number, limit: number, statSize: number): BoundedBytes {
  // The size is a first guess only: the file may grow, and some (in /proc) report 0.
  const chunks: Buffer[] = [];
  let total = 0;
  let size = Math.min(Math.max(statSize + 1, 1), limit);
  while (total < limit) {
    const buffer = Buffer.allocUnsafe(Math.min(size, limit - total));
    const read = readSync(handle, buffer, 0, buffer.length, null);
    if (read === 0) break;
    chunks.push(read === buffer.length ? buffer : buffer.subarray(0, read));
    total += read;
    size = CHUNK_BYTES;
  }
  const bytes = chunks.length === 1 ? (chunks[0] as Buffer) : Buffer.concat(chunks, total);
  return { bytes, overLimit: total >= limit };
}

function describeKind(stats: Stats): string | undefined {
  if (stats.isFile()) return undefined;
  if (stats.isDirectory()) return "a folder";
  if (stats.isFIFO()) return "a FIFO (named pipe)";
  if (stats.isCharacterDevice() || stats.isBlockDevice()) return "a device";
  if (stats.isSocket()) return "a socket";
  return "not a regular file";
}

export function describeFsError(error: unknown): string {
  const code = (error as { code?: unknown } | null)?.code;
  if (code === "ENOENT") return "no such file";
  if (code === "EACCES" || code === "EPERM") return "permission denied";
  if (code === "EISDIR") return "it is a folder, not a file";
  if (code === "ELOOP") return "too many levels of symbolic links";
  return error instanceof Error ? error.message : String(error);
}

function formatBytes(bytes: number): string {
  return bytes % (1024 * 1024) === 0 ? `${bytes / (1024 * 1024)} MiB` : `${bytes} bytes`;
}
