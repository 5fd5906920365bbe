import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { SRC } from "./support/import-graph.js";

const IMPORT = /^(?:import|export)\s[^;]*?from\s+"([^"]+)"|\bimport\(\s*"([^"]+)"/gm;

/** Every `.ts` file under `src/` (generated code included) with the specifiers it imports. */
function sourceFiles(): Map<string, string[]> {
  const files = new Map<string, string[]>();
  const walk = (dir: string): void => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) walk(full);
      else if (entry.name.endsWith(".ts")) {
        const text = readFileSync(full, "utf8");
        files.set(
          full,
          [...text.matchAll(IMPORT)].map((match) => match[1] ?? match[2] ?? ""),
        );
      }
    }
  };
  walk(SRC);
  return files;
}

const layerOf = (file: string): string => path.relative(SRC, file).split(path.sep)[0] ?? "";
const resolveSpecifier = (from: string, specifier: string): string =>
  path.resolve(path.dirname(from), specifier.replace(/\.js$/, ".ts"));

/** Which top-level folders each layer may import (ARCHITECTURE.md's picture). */
const ALLOWED: Record<string, readonly string[]> = {
  core: ["core"],
  render: ["render", "core"],
  adapters: ["adapters", "core"],
  pulumi: ["pulumi", "adapters", "render", "core"],
  cli: ["cli", "adapters", "render", "core", "emulator"],
  emulator: ["emulator", "core"],
};

describe("the source tree's architecture", () => {
  const files = sourceFiles();

  it("imports only point down the layers", () => {
    const violations: string[] = [];
    for (const [file, specifiers] of files) {
      const layer = layerOf(file);
      for (const specifier of specifiers.filter((s) => s.startsWith("."))) {
        const target = layerOf(resolveSpecifier(file, specifier));
        if (!(ALLOWED[layer] ?? []).includes(target))
          violations.push(`${path.relative(SRC, file)} → ${specifier}`);
      }
    }

    expect(violations).toEqual([]);
  });

  it("keeps src/core free of I/O: no node: modules and no SDKs", () => {
    const impure = [...files]
      .filter(([file]) => layerOf(file) === "core")
      .flatMap(([file, specifiers]) =>
        specifiers
          .filter((s) => s.startsWith("node:") || /^@(azure|microsoft|octokit|pulumi|actions)\//.test(s))
          .map((s) => `${path.relative(SRC, file)} → ${s}`),
      );

    expect(impure).toEqual([]);
  });

  it("has no import cycles", () => {
    const cycles: string[] = [];
    const state = new Map<string, "visiting" | "done">();
    const stack: string[] = [];
    const visit = (file: string): void => {
      if (state.get(file) === "done") return;
      if (state.get(file) === "visiting") {
        const loop = stack.slice(stack.indexOf(file)).map((f) => path.relative(SRC, f));
        cycles.push(loop.join(" → "));
        return;
      }
      state.set(file, "visiting");
      stack.push(file);
      for (const specifier of files.get(file) ?? []) {
        if (specifier.startsWith(".")) visit(resolveSpecifier(file, specifier));
      }
      stack.pop();
      state.set(file, "done");
    };
    for (const file of files.keys()) visit(file);

    expect(cycles).toEqual([]);
  });

  it("keeps the files of src/core in folders named for their ideas", () => {
    const loose = readdirSync(path.join(SRC, "core"), { withFileTypes: true }).filter((entry) =>
      entry.isFile(),
    );

    expect(loose.map((entry) => entry.name)).toEqual([]);
  });
});
