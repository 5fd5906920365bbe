import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { parseDocument } from "yaml";
import { loadYamlData } from "../../src/core/yaml/yaml-fast-load.js";
import { MAX_ALIAS_COUNT, YAML_OPTIONS } from "../../src/core/yaml/yaml-library-parse.js";
import { yamlLikeText } from "./yaml-arbitraries.js";

const root = join(import.meta.dirname, "../..");
const examples = readdirSync(join(root, "instances")).map((name) =>
  readFileSync(join(root, "instances", name), "utf8"),
);

/** What the `yaml` library (the validator's reference reader) makes of a text; undefined if it objects. */
function readWithLibrary(text: string): unknown {
  const document = parseDocument(text, YAML_OPTIONS);
  if (document.errors.length > 0 || document.warnings.length > 0) return undefined;
  return document.toJS({ maxAliasCount: MAX_ALIAS_COUNT });
}

/** The fast path either declines or gives exactly the library's data. */
function expectAgreement(text: string): void {
  const fast = loadYamlData(text);
  if (fast === undefined) return;

  const library = readWithLibrary(text);

  expect(library, `the library rejects what the fast path accepted:\n${text}`).toBeDefined();
  expect(fast, `the two disagree on:\n${text}`).toStrictEqual(library);
}

describe("loadYamlData (the js-yaml fast path)", () => {
  it("reads every example instance (the hot path is the common case)", () => {
    for (const text of examples) {
      expect(loadYamlData(text)).toBeDefined();
      expectAgreement(text);
    }
  });

  it.each([
    [
      "scalars of the core schema",
      "a: null\nb: ~\nc: true\nd: FALSE\ne: -12\nf: +7\ng: 0012\nh: yes\ni: x # c\n",
    ],
    [
      "YAML 1.2 numbers",
      "a: 0b1\nb: +.5\nc: -0x1\nd: 1_000\ne: -.5e3\nf: 0x1F\ng: 0o17\nh: -.inf\ni: -0\nj: 1e1000\n",
    ],
    ["quoted scalars", "a: \"x # y\"\nb: 'it''s'\nc: ''\nd: \"\\u00e9\\n\"\n"],
    ["flow collections", "a: [x, \"y\", 'z'] # c\nb: []\nc: {d: 1, e: f}\nd: [[g], h]\n"],
    ["block scalars", "a: |\n  x\n   y\nb: >-\n  folded\n  text\n"],
    ["a multi-line plain scalar", "a: x\n  y\nb: 1\n"],
    ["a list at the key's indentation", "a:\n- x\n- y\nb: 1\n"],
    ["CRLF line ends", "a: 1\r\nb:\r\n  - x\r\n"],
    ["a leading document marker", "---\na: 1\n"],
  ])("agrees with the library on %s", (_name, text) => {
    const fast = loadYamlData(text);

    expect(fast).toBeDefined();
    expectAgreement(text);
  });

  it.each([
    ["an anchor and an alias", "a: &x 1\nb: *x\n"],
    ["a tag", "a: !!str 1\n"],
    ["a merge key", "a: {b: 1}\nc:\n  <<: {b: 2}\n"],
    ["a second document", "a: 1\n---\nb: 2\n"],
    ["a directive", "%YAML 1.1\n---\na: 1\n"],
    ["an explicit key", "? a\n: 1\n"],
    ["a list as a key", "[a]: 1\n"],
    ["a key spelled as a number", "007: x\n"],
    ["a key spelled as null", "~: x\n"],
    ["a key spelled as a boolean", "True: x\n"],
    ["a key longer than YAML allows", `${"k".repeat(1100)}: 1\n`],
    ["a duplicate key", "a: 1\na: 2\n"],
    ["a tab", "a:\t1\n"],
    ["a list at the root", "- a\n"],
    ["a single value", "a\n"],
    ["an empty file", "# nothing\n"],
    ["a syntax error", "a: [x\n"],
  ])("leaves %s to the library", (_name, text) => {
    expect(loadYamlData(text)).toBeUndefined();
  });

  it("agrees with the library on random YAML-like text", () => {
    fc.assert(
      fc.property(yamlLikeText(examples), (text) => {
        expectAgreement(text);
      }),
      { numRuns: 20000 },
    );
  });
});
