import { mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { generateInstances } from "../../bench/validate/generate.mjs";
import { libraryPath } from "../../src/core/instance/library-path.js";
import { finishValidation, startValidation } from "../../src/core/instance/validation-steps.js";

const root = join(import.meta.dirname, "../..");
const read = (folder: string) =>
  readdirSync(folder)
    .filter((name) => name.endsWith(".yaml"))
    .map((name) => ({ file: name, bytes: readFileSync(join(folder, name)) }));

describe("validation without keeping the data (`instancesWanted: false`, as `validate` runs it)", () => {
  it("gives the same diagnostics, and the same instances when they are asked for after all", () => {
    const generated = mkdtempSync(join(tmpdir(), "cspops-wanted-"));
    try {
      generateInstances(generated, 5);
      // The example instances (one of them with warnings) and ten files the fast path reads.
      const sources = [...read(join(root, "instances")), ...read(generated)];
      const kept = finishValidation(startValidation(sources), libraryPath);
      const dropped = finishValidation(startValidation(sources, { instancesWanted: false }), libraryPath);

      expect(kept.instances).toHaveLength(sources.length);
      expect(dropped.diagnostics).toStrictEqual(kept.diagnostics);
      expect(dropped.ok).toBe(kept.ok);
      expect(dropped.instances).toStrictEqual(kept.instances);
    } finally {
      rmSync(generated, { recursive: true, force: true });
    }
  });
});
