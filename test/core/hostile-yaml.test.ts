import { describe, expect, it } from "vitest";
// The benchmark's hostile shapes (bench/validate/hostile.mjs), so tests and figures share one list.
import { HOSTILE_SHAPES } from "../../bench/validate/hostile.mjs";
import { MAX_DIAGNOSTICS_PER_FILE } from "../../src/core/diagnostics/cap-diagnostics.js";
import { validateInstanceSources } from "../../src/core/instance/validate-instances.js";

const validate = (text: string) => validateInstanceSources([{ file: "h.yaml", bytes: Buffer.from(text) }]);
const codes = (text: string) => validate(text).diagnostics.map((diagnostic) => diagnostic.code);
const HEAD = "apiVersion: cspops/v1\nkind: PartnerInstance\nmetadata:\n  name: h\n";

// Issue 11: 10,000 aliases in 99 KB took 36 s; 100,000 keys in 1 MB took 91 s and printed 16 MB.
// The time bounds are generous (a shared machine); what each case really checks is bounded work.
describe("hostile YAML", () => {
  it("refuses 10,000 aliases at once, with one diagnostic", () => {
    const text = `${HEAD}spec: &a x\n${Array.from({ length: 10_000 }, (_, i) => `k${i}: *a`).join("\n")}\n`;
    const started = performance.now();

    const found = codes(text);

    expect(performance.now() - started).toBeLessThan(5_000);
    expect(found).toEqual(["file.too-complex"]);
  });

  it("refuses 1,500 aliases within the line limit as an alias bomb, in one walk", () => {
    const text = `${HEAD}spec: &a x\n${Array.from({ length: 1_500 }, (_, i) => `k${i}: *a`).join("\n")}\n`;
    const started = performance.now();

    const found = codes(text);

    expect(performance.now() - started).toBeLessThan(5_000);
    expect(found).toEqual(["yaml.alias-limit"]);
  });

  it("reports at most 50 problems of 1,500 duplicate keys, and says how many it left out", () => {
    const text = `${HEAD}spec:\n${"  same: 1\n".repeat(1_500)}`;

    const diagnostics = validate(text).diagnostics.filter((diagnostic) => diagnostic.severity === "error");

    expect(diagnostics).toHaveLength(MAX_DIAGNOSTICS_PER_FILE + 1);
    expect(diagnostics.at(-1)).toMatchObject({ code: "file.more-problems", severity: "error" });
    expect(diagnostics.at(-1)?.message).toMatch(/^\d+ more problem\(s\) in this file are not shown/);
  });

  it.each(Object.keys(HOSTILE_SHAPES))("validates the 1 MB %s file with bounded output", (shape) => {
    const text = (HOSTILE_SHAPES[shape] as (bytes: number) => string)(1_000_000);
    const started = performance.now();

    const result = validate(text);

    expect(performance.now() - started).toBeLessThan(10_000);
    expect(result.ok).toBe(false);
    expect(result.diagnostics.length).toBeLessThanOrEqual(MAX_DIAGNOSTICS_PER_FILE + 1);
    expect(JSON.stringify(result.diagnostics).length).toBeLessThan(200_000);
  });

  it("refuses nesting past the limit before a parser recurses into it", () => {
    expect(codes(`${HEAD}spec: ${"[".repeat(100_000)}\n`)).toEqual(["file.too-complex"]);
    expect(codes(`${HEAD}spec:\n${"  ".repeat(40)}${"- ".repeat(40)}x\n`)).toEqual(["file.too-complex"]);
  });
});
