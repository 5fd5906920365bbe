import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { DIAGNOSTIC_CODES } from "../../src/core/diagnostics/diagnostic-codes.js";
import { type InstanceSource, validateInstanceSources } from "../../src/core/instance/validate-instances.js";
import { redactSecrets } from "../../src/core/secrets/secrets.js";
import { yamlLikeText } from "./yaml-arbitraries.js";

const root = join(import.meta.dirname, "../..");
const examples = readdirSync(join(root, "instances")).map((name) =>
  readFileSync(join(root, "instances", name), "utf8"),
);
const CANARY = "abc8Q~CANARYcanaryCANARYcanary0123456789";
const encoder = new TextEncoder();

/** Every line of `text`, 1-based, with its length in characters, for checking positions. */
function lineLengths(bytes: Uint8Array): number[] {
  return new TextDecoder()
    .decode(bytes)
    .split("\n")
    .map((line) => line.length);
}

const sourcesArbitrary: fc.Arbitrary<InstanceSource[]> = fc
  .array(
    fc.oneof(
      { weight: 8, arbitrary: yamlLikeText(examples).map((text) => encoder.encode(text)) },
      { weight: 1, arbitrary: fc.uint8Array({ maxLength: 300 }) },
      {
        weight: 1,
        arbitrary: fc
          .tuple(fc.constantFrom(...examples), fc.nat())
          .map(([text, at]) =>
            encoder.encode(text.slice(0, at % text.length) + CANARY + text.slice(at % text.length)),
          ),
      },
    ),
    { minLength: 1, maxLength: 4 },
  )
  .map((contents) => contents.map((bytes, index) => ({ file: `instances/file-${index}.yaml`, bytes })));

describe("validateInstanceSources on random and mutated input", () => {
  it("never throws, and every diagnostic is known, placed inside its file and free of secrets", () => {
    fc.assert(
      fc.property(sourcesArbitrary, (sources) => {
        const result = validateInstanceSources(sources);

        // YAML that declares something else is skipped with one warning, and not counted.
        const skipped = result.diagnostics.filter(({ code }) => code === "file.not-an-instance").length;
        expect(skipped).toBeLessThanOrEqual(sources.length);
        expect(result.fileCount).toBe(sources.length - skipped);
        expect(result.ok).toBe(result.diagnostics.every((diagnostic) => diagnostic.severity === "warning"));
        for (const diagnostic of result.diagnostics) {
          expect(Object.keys(DIAGNOSTIC_CODES)).toContain(diagnostic.code);
          expect(DIAGNOSTIC_CODES[diagnostic.code as keyof typeof DIAGNOSTIC_CODES][0]).toBe(
            diagnostic.severity,
          );
          const source = sources.find((candidate) => candidate.file === diagnostic.file);
          expect(source).toBeDefined();
          const lengths = lineLengths(source?.bytes ?? new Uint8Array());
          expect(diagnostic.line).toBeGreaterThanOrEqual(1);
          expect(diagnostic.line).toBeLessThanOrEqual(lengths.length);
          expect(diagnostic.column).toBeGreaterThanOrEqual(1);
          expect(diagnostic.column).toBeLessThanOrEqual((lengths[diagnostic.line - 1] ?? 0) + 2);
          // Whatever the input, no output carries a value shaped like a client secret.
          expect(redactSecrets(JSON.stringify(diagnostic))).toBe(JSON.stringify(diagnostic));
        }
      }),
      { numRuns: 1500 },
    );
  });

  it("reports a secret-shaped value wherever it is pasted", () => {
    fc.assert(
      fc.property(fc.constantFrom(...examples), fc.nat(), (text, at) => {
        const position = at % text.length;
        const bytes = encoder.encode(`${text.slice(0, position)} ${CANARY} ${text.slice(position)}`);

        const result = validateInstanceSources([{ file: "instances/x.yaml", bytes }]);

        expect(result.ok).toBe(false);
        expect(result.diagnostics.map((diagnostic) => diagnostic.code)).toContain("secret.in-yaml");
        expect(JSON.stringify(result.diagnostics)).not.toContain(CANARY);
      }),
      { numRuns: 300 },
    );
  });
});
