import { describe, expect, it } from "vitest";
import { CLOUD_SDK, importGraph } from "../support/import-graph.js";

describe("cspops bss-form", () => {
  it("loads neither Pulumi nor any cloud SDK: it only reads JSON", () => {
    const { files, packages } = importGraph("cli/commands/bss-form.ts", { dynamic: true });

    expect(files.size).toBeGreaterThan(3);
    expect([...packages].filter((name) => CLOUD_SDK.test(name))).toEqual([]);
  });
});
