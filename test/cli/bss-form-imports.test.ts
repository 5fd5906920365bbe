import { readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";

const SRC = fileURLToPath(new URL("../../src/", import.meta.url));

/** Every module `entry` reaches through static and dynamic imports: our own files and packages. */
function importGraph(entry: string): { files: Set<string>; packages: Set<string> } {
  const files = new Set<string>();
  const packages = new Set<string>();
  const visit = (file: string): void => {
    if (files.has(file)) return;
    files.add(file);
    const text = readFileSync(file, "utf8");
    for (const [, specifier] of text.matchAll(/(?:from|import\()\s*"([^"]+)"/g)) {
      if (specifier!.startsWith("."))
        visit(path.resolve(path.dirname(file), specifier!.replace(/\.js$/, ".ts")));
      else packages.add(specifier!);
    }
  };
  visit(entry);
  return { files, packages };
}

describe("cspops bss-form", () => {
  it("loads neither Pulumi nor any cloud SDK: it only reads JSON", () => {
    const { files, packages } = importGraph(path.join(SRC, "cli/commands/bss-form.ts"));

    expect(files.size).toBeGreaterThan(3);
    expect(
      [...packages].filter((name) => /^@(pulumi|pulumiverse|azure|microsoft|octokit)\//.test(name)),
    ).toEqual([]);
  });
});
