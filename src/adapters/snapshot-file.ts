import { randomBytes } from "node:crypto";
import { constants, unlinkSync } from "node:fs";
import { access, open, rename, stat, unlink } from "node:fs/promises";
import { basename, dirname, join } from "node:path";
import { InputError } from "../core/diagnostics/errors.js";
import { parseSnapshot } from "../core/snapshot/parse-snapshot.js";
import type { ObservedSnapshot } from "../core/snapshot/snapshot.js";
import { READ_LIMITS, readBoundedText } from "./bounded-read.js";

export interface SnapshotFileOptions {
  /** How to name the file in messages (the path as the user typed it); defaults to `path`. */
  readonly displayPath?: string;
  /** What to pass instead, when the file cannot be read; defaults to `--observed`'s. */
  readonly hint?: string;
}

/**
 * Reads and checks an observed snapshot file. An unreadable or malformed file is one `InputError`
 * that names the file and says what is wrong (exit 1), never a stack trace.
 */
export async function readSnapshotFile(
  path: string,
  options: SnapshotFileOptions = {},
): Promise<ObservedSnapshot> {
  const shown = options.displayPath ?? path;
  const text = readBoundedText(path, {
    maxBytes: READ_LIMITS.snapshot,
    shownAs: `the snapshot file ${shown}`,
    hint: options.hint ?? "pass the file written by `cspops observe --out FILE` to --observed",
  });
  const result = parseSnapshot(text);
  if (!result.ok) {
    const lines = result.problems.map((problem) =>
      problem.path === "" ? problem.message : `${problem.path} ${problem.message}`,
    );
    throw new InputError(`${shown} is not a valid observed snapshot:\n  - ${lines.join("\n  - ")}`, {
      hint: "the format is schemas/observed-snapshot.schema.json; `cspops observe --out FILE` writes it",
    });
  }
  return result.snapshot;
}

/**
 * A new snapshot file is readable by its owner only: it lists a tenant's apps, admin agents and
 * sign-in activity (docs/snapshot.md). A file that exists keeps its own mode.
 */
export const NEW_SNAPSHOT_FILE_MODE = 0o600;

/** What `checkSnapshotTarget` learnt: the mode the written file must have. */
export interface SnapshotTarget {
  readonly mode: number;
}

/**
 * Checks, before any observing, that `path` can take a snapshot: its folder exists and is
 * writable, and the path is a regular file or nothing yet. Otherwise an `InputError` (exit 1).
 */
export async function checkSnapshotTarget(path: string, shownAs: string = path): Promise<SnapshotTarget> {
  const hint = "--out must name a file in a folder that exists and that you may write to (or - for stdout)";
  const folder = dirname(path);
  const folderStats = await stat(folder).catch(() => undefined);
  if (folderStats === undefined || !folderStats.isDirectory()) {
    throw new InputError(
      `cannot write the snapshot to ${shownAs}: the folder ${dirname(shownAs)} does not exist`,
      {
        hint,
      },
    );
  }
  try {
    await access(folder, constants.W_OK);
  } catch (cause) {
    throw new InputError(
      `cannot write the snapshot to ${shownAs}: the folder ${dirname(shownAs)} is not writable`,
      {
        hint,
        cause,
      },
    );
  }
  const existing = await stat(path).catch(() => undefined);
  if (existing === undefined) return { mode: NEW_SNAPSHOT_FILE_MODE };
  if (!existing.isFile()) {
    throw new InputError(`cannot write the snapshot to ${shownAs}: it exists and is not a regular file`, {
      hint,
    });
  }
  return { mode: existing.mode & 0o777 };
}

/**
 * Writes a snapshot so that a reader never sees half a file: a temporary file in the same folder
 * (so the rename stays on one file system), flushed to disk, then renamed over the target. An
 * interrupted run leaves the previous file whole, and no temporary file: it is removed on failure
 * and on SIGINT or SIGTERM. The file gets `mode` (the target's own, from `checkSnapshotTarget`).
 */
export async function writeSnapshotFileAtomic(
  path: string,
  snapshot: ObservedSnapshot,
  mode: number = NEW_SNAPSHOT_FILE_MODE,
): Promise<void> {
  const folder = dirname(path);
  const temporary = join(folder, `.${basename(path)}.${process.pid}.${randomBytes(4).toString("hex")}.tmp`);
  const stopGuard = removeOnSignal(temporary);
  try {
    const handle = await open(temporary, "wx", mode);
    try {
      await handle.chmod(mode); // open's mode passes through the umask
      await handle.writeFile(`${JSON.stringify(snapshot, null, 2)}\n`, "utf8");
      await handle.sync();
    } finally {
      await handle.close();
    }
    await rename(temporary, path);
  } catch (error) {
    await unlink(temporary).catch(() => undefined);
    throw error;
  } finally {
    stopGuard();
  }
  await syncFolder(folder);
}

/**
 * Until the returned function is called, SIGINT and SIGTERM remove `temporary` first, then end
 * the process as the signal would have (the handler steps aside and raises it again).
 */
function removeOnSignal(temporary: string): () => void {
  const signals = ["SIGINT", "SIGTERM"] as const;
  const onSignal = (signal: NodeJS.Signals): void => {
    try {
      unlinkSync(temporary);
    } catch {
      // Not created yet, or already renamed: nothing to remove.
    }
    stop();
    process.kill(process.pid, signal);
  };
  const stop = (): void => {
    for (const signal of signals) process.off(signal, onSignal);
  };
  for (const signal of signals) process.on(signal, onSignal);
  return stop;
}

/** Persists the rename itself; some platforms cannot open a folder, which only weakens durability. */
async function syncFolder(folder: string): Promise<void> {
  try {
    const handle = await open(folder, "r");
    try {
      await handle.sync();
    } finally {
      await handle.close();
    }
  } catch {
    // Best effort: the data is already on disk under its final name.
  }
}
