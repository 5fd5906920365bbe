import { execFileSync } from "node:child_process";
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";

const root = join(import.meta.dirname, "..");
const generatedDir = join(root, "src/core/generated");
const generated = readdirSync(generatedDir).sort();

describe("generated schema code", () => {
  it("covers every schema in schemas/ that code reads", () => {
    expect(generated).toEqual(
      expect.arrayContaining(["partner-instance-validator.ts", "observed-snapshot-validator.ts"]),
    );
  });

  it("is what `npm run generate` makes of schemas/ (the JSON Schema stays the one source of truth)", () => {
    const before = generated.map((name) => readFileSync(join(generatedDir, name), "utf8"));

    execFileSync(process.execPath, [join(root, "scripts/generate-schema-code.mjs")]);

    const after = generated.map((name) => readFileSync(join(generatedDir, name), "utf8"));
    expect(after).toEqual(before);
  });
});
