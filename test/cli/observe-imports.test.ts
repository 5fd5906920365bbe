import { describe, expect, it } from "vitest";
import { importGraph, CLOUD_SDK as SDK } from "../support/import-graph.js";

const staticPackages = (entry: string) => importGraph(entry, { dynamic: false }).packages;

describe("loading the Graph observer", () => {
  it("happens only when a command observes: the CLI and reconcile load no cloud SDK statically", () => {
    const fromMain = [...staticPackages("cli/main.ts")];
    const fromReconcile = [...staticPackages("cli/commands/reconcile.ts")];

    expect(fromMain.filter((name) => SDK.test(name))).toEqual([]);
    expect(fromReconcile.filter((name) => SDK.test(name))).toEqual([]);
  });

  it.each(["cli/commands/validate.ts", "cli/commands/consent-link.ts", "cli/commands/drift.ts"])(
    "happens only when a command observes: %s loads no cloud SDK statically",
    (entry) => {
      const packages = [...staticPackages(entry)];

      expect(packages.filter((name) => SDK.test(name))).toEqual([]);
    },
  );

  it("loads the Graph client and @azure/identity for live observation", () => {
    const packages = staticPackages("cli/commands/observe-live.ts");

    expect(packages).toContain("@azure/identity");
    expect(packages).toContain("@microsoft/microsoft-graph-client");
  });
});
