import { mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { readInstanceSources } from "../../src/adapters/instance-files.js";
import { InputError } from "../../src/core/diagnostics/errors.js";

let root: string;
beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), "cspops-files-"));
  await mkdir(join(root, "instances/nested"), { recursive: true });
  await writeFile(join(root, "instances/b.yaml"), "b: 1\n");
  await writeFile(join(root, "instances/a.yml"), "a: 1\n");
  await writeFile(join(root, "instances/C.YAML"), "c: 1\n");
  await writeFile(join(root, "instances/notes.md"), "# not an instance\n");
  await writeFile(join(root, "instances/nested/d.yaml"), "d: 1\n");
  await writeFile(join(root, "a-file.yaml"), "x: 1\n");
});
afterAll(async () => {
  await rm(root, { recursive: true, force: true });
});

describe("readInstanceSources", () => {
  it("reads the folder's .yaml and .yml files, sorted, named relative to cwd with /", async () => {
    const sources = await readInstanceSources("instances", root);

    expect(sources.map(({ file }) => file)).toEqual([
      "instances/C.YAML",
      "instances/a.yml",
      "instances/b.yaml",
    ]);
    expect(new TextDecoder().decode(sources[2]?.bytes)).toBe("b: 1\n");
  });

  it("accepts an absolute folder", async () => {
    const sources = await readInstanceSources(join(root, "instances/nested"), root);

    expect(sources.map(({ file }) => file)).toEqual(["instances/nested/d.yaml"]);
  });

  it.each([
    ["missing", "the instances folder 'missing' does not exist"],
    ["a-file.yaml", "'a-file.yaml' is a file, not a folder of instance files"],
  ])("refuses %s with an InputError that names it", async (dir, message) => {
    const reading = readInstanceSources(dir, root);

    await expect(reading).rejects.toBeInstanceOf(InputError);
    await expect(reading).rejects.toMatchObject({ message, hint: expect.any(String) });
  });
});
