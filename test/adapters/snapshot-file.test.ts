import { chmod, mkdir, mkdtemp, readdir, readFile, rm, stat, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import {
  checkSnapshotTarget,
  readSnapshotFile,
  writeSnapshotFileAtomic,
} from "../../src/adapters/snapshot-file.js";
import { InputError } from "../../src/core/diagnostics/errors.js";
import type { ObservedSnapshot } from "../../src/core/snapshot/snapshot.js";
import { readyScenario, snapshotOfScenarios } from "../core/reconcile/scenario.js";

let folder: string;
beforeEach(async () => {
  folder = await mkdtemp(join(tmpdir(), "cspops-snapshot-"));
});
afterEach(async () => {
  await rm(folder, { recursive: true, force: true });
});

describe("snapshot files", () => {
  it("write atomically and read back the same snapshot", async () => {
    const snapshot = snapshotOfScenarios(readyScenario());
    const path = join(folder, "observed.json");

    await writeSnapshotFileAtomic(path, snapshot);

    expect(await readSnapshotFile(path)).toEqual(snapshot);
    expect(await readdir(folder)).toEqual(["observed.json"]);
  });

  it("leave the previous file whole when a write fails", async () => {
    const path = join(folder, "observed.json");
    await writeSnapshotFileAtomic(path, snapshotOfScenarios(readyScenario()));
    const before = await readFile(path, "utf8");
    const unserialisable = { ...snapshotOfScenarios(), observedAt: 1n } as unknown as ObservedSnapshot;

    await expect(writeSnapshotFileAtomic(path, unserialisable)).rejects.toThrow(TypeError);

    expect(await readFile(path, "utf8")).toBe(before);
    expect(await readdir(folder)).toEqual(["observed.json"]);
  });

  it("name a missing file as the user typed it", async () => {
    const read = readSnapshotFile(join(folder, "missing.json"), { displayPath: "missing.json" });

    await expect(read).rejects.toThrow(InputError);
    await expect(read).rejects.toThrow("cannot read the snapshot file missing.json: no such file");
  });

  it("say every problem of a malformed file in one error", async () => {
    const path = join(folder, "bad.json");
    await writeFile(path, JSON.stringify({ schemaVersion: 1, tenants: { nope: {} } }));

    const error = await readSnapshotFile(path).catch((caught: unknown) => caught);

    expect(error).toBeInstanceOf(InputError);
    expect((error as Error).message).toContain(`${path} is not a valid observed snapshot:`);
    expect((error as Error).message).toContain("- is missing the required field 'observedAt'");
    expect((error as Error).message).toContain("- /tenants has a key 'nope' that is not allowed");
  });

  it("make a new file readable by its owner only, and keep an existing file's mode", async () => {
    const fresh = join(folder, "fresh.json");
    const shared = join(folder, "shared.json");
    await writeFile(shared, "old\n");
    await chmod(shared, 0o640);

    await writeSnapshotFileAtomic(fresh, snapshotOfScenarios(), (await checkSnapshotTarget(fresh)).mode);
    await writeSnapshotFileAtomic(shared, snapshotOfScenarios(), (await checkSnapshotTarget(shared)).mode);

    expect((await stat(fresh)).mode & 0o777).toBe(0o600);
    expect((await stat(shared)).mode & 0o777).toBe(0o640);
  });

  it("refuse a target in a missing folder, or that is a folder, before anything is observed", async () => {
    await mkdir(join(folder, "taken.json"));

    await expect(checkSnapshotTarget(join(folder, "no/x.json"), "no/x.json")).rejects.toThrow(
      "cannot write the snapshot to no/x.json: the folder no does not exist",
    );
    await expect(checkSnapshotTarget(join(folder, "taken.json"), "taken.json")).rejects.toBeInstanceOf(
      InputError,
    );
  });
});
