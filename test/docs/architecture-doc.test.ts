import { readdirSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { ROOT } from "../support/run-cli.js";

function foldersUnder(folder: string): string[] {
  return readdirSync(join(ROOT, folder))
    .filter((name) => statSync(join(ROOT, folder, name)).isDirectory())
    .flatMap((name) => [`${folder}/${name}`, ...foldersUnder(`${folder}/${name}`)]);
}

const architecture = readFileSync(join(ROOT, "ARCHITECTURE.md"), "utf8");
const named = (folder: string) => new RegExp(`\`${folder}/?\``).test(architecture);

describe("ARCHITECTURE.md", () => {
  it("names every folder under src/ by its path", () => {
    const folders = foldersUnder("src");

    expect(folders.length).toBeGreaterThan(10);
    expect(folders.filter((folder) => !named(folder))).toEqual([]);
  });

  it("names the repository's other top-level folders", () => {
    const others = ["test", "bench", "scripts", "schemas", "instances", "examples", "docs"];

    expect(others.filter((folder) => !named(folder))).toEqual([]);
  });
});
