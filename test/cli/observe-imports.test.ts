import { readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";

const SRC = fileURLToPath(new URL("../../src/", import.meta.url));
const SDK = /^@(pulumi|pulumiverse|azure|microsoft|octokit)\//;

/** Packages reachable from `entry` through static imports only (what loads before any command runs). */
function staticPackages(entry: string): Set<string> {
  const files = new Set<string>();
  const packages = new Set<string>();
  const visit = (file: string): void => {
    if (files.has(file)) return;
    files.add(file);
    for (const [, specifier] of readFileSync(file, "utf8").matchAll(
      /^(?:import|export)\s[^;]*?from\s+"([^"]+)"/gm,
    )) {
      if (specifier!.startsWith("."))
        visit(path.resolve(path.dirname(file), specifier!.replace(/\.js$/, ".ts")));
      else packages.add(specifier!);
    }
  };
  visit(entry);
  return packages;
}

describe("loading the Graph observer", () => {
  it("happens only when a command observes: the CLI and reconcile load no cloud SDK statically", () => {
    const fromMain = [...staticPackages(path.join(SRC, "cli/main.ts"))];
    const fromReconcile = [...staticPackages(path.join(SRC, "cli/commands/reconcile.ts"))];

    expect(fromMain.filter((name) => SDK.test(name))).toEqual([]);
    expect(fromReconcile.filter((name) => SDK.test(name))).toEqual([]);
  });

  it("loads the Graph client and @azure/identity for live observation", () => {
    const packages = staticPackages(path.join(SRC, "cli/commands/observe-live.ts"));

    expect(packages).toContain("@azure/identity");
    expect(packages).toContain("@microsoft/microsoft-graph-client");
  });
});
