import { execFileSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";

const root = join(import.meta.dirname, "..");
const generated = ["partner-instance-schema.ts", "partner-instance-validator.ts"];

describe("generated schema code", () => {
  it("is what `npm run generate` makes of schemas/ (the JSON Schema stays the one source of truth)", () => {
    const before = generated.map((name) => readFileSync(join(root, "src/core/generated", name), "utf8"));

    execFileSync(process.execPath, [join(root, "scripts/generate-schema-code.mjs")]);

    const after = generated.map((name) => readFileSync(join(root, "src/core/generated", name), "utf8"));
    expect(after).toEqual(before);
  });
});
