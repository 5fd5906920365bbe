import { mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { parseDocument } from "yaml";
import { generateInstances } from "../../bench/validate/generate.mjs";
import { MAX_ALIAS_COUNT, YAML_OPTIONS } from "../../src/core/yaml/yaml-library-parse.js";
import { loadSimpleYaml } from "../../src/core/yaml/yaml-simple-load.js";
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

/** The subset reader either declines or gives exactly the library's data; true when it read. */
function expectAgreement(text: string): boolean {
  const simple = loadSimpleYaml(text);
  if (simple === undefined) return false;
  const library = readWithLibrary(text);

  expect(library, `the library rejects what the subset reader accepted:\n${text}`).toBeDefined();
  expect(simple, `the two disagree on:\n${text}`).toStrictEqual(library);
  return true;
}

describe("loadSimpleYaml (plain block YAML, before js-yaml)", () => {
  it("reads the example instances and the benchmark's generated files (the hot path)", () => {
    const dir = mkdtempSync(join(tmpdir(), "cspops-simple-"));
    try {
      generateInstances(dir, 3);
      const generated = readdirSync(dir).map((name) => readFileSync(join(dir, name), "utf8"));
      for (const text of [...examples, ...generated]) {
        expect(expectAgreement(text), text).toBe(true);
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it.each([
    ["core-schema scalars", "a: null\nb: ~\nc: true\nd: FALSE\ne: -12\nf: +7\ng: 0012\nh: yes\ni: x # c\n"],
    ["YAML 1.2 numbers", "a: 0b1\nb: +.5\nc: -0x1\nd: 1_000\ne: -.5e3\nf: 0x1F\ng: 0o17\nh: -.inf\ni: -0\n"],
    ["quoted scalars", "a: \"x # y\"\nb: 'it is'\nc: ''\nd: \"\" # c\ne: 'a\"b\\\\c'\n"],
    ["flow lists of plain scalars", "a: [x, y z, 1, ~] # c\nb: []\nc: [ ]\n"],
    ["lists at and below the key", "a:\n- x\n- y\nb:\n  - 1\n  - 'z'\nc: 2\n"],
    ["nested mappings and an empty value", "a:\n  b:\n    c: 1\n  d:\ne: 2\n"],
    ["comments and blank lines anywhere", "# top\na: 1\n\n   # indented\nb:\n  # inside\n  c: 2\n  \n"],
    ["spaces that YAML keeps", "a: x\u00a0\nb: Tom & Jerry\nc: R&D\nd: a  b\ne: x:y\n"],
    ["words that look like other things", "a: --x\nb: -x\nc: 1:2\nd: .x\ne: +x\nf: nULL\n"],
  ])("agrees with the library on %s", (_name, text) => {
    expect(expectAgreement(text)).toBe(true);
  });

  it.each([
    ["CRLF line ends", "a: 1\r\nb: 2\r\n"],
    ["a tab", "a:\t1\n"],
    ["an anchor and an alias", "a: &x 1\nb: *x\n"],
    ["a tag", "a: !!str 1\n"],
    ["a flow mapping", "a: {b: 1}\n"],
    ["a nested flow list", "a: [[b], c]\n"],
    ["a quoted item in a flow list", "a: ['b', c]\n"],
    ["a block scalar", "a: |\n  x\n"],
    ["a multi-line plain scalar", "a: x\n  y\nb: 1\n"],
    ["a multi-line quoted scalar", "a: 'x\n  y'\n"],
    ["a list item holding a mapping", "a:\n  - b: 1\n"],
    ["a list item holding a list", "a:\n  - - b\n"],
    ["an empty list item", "a:\n  -\n"],
    ["a duplicate key", "a: 1\na: 2\n"],
    ["an escaped quote", "a: 'it''s'\n"],
    ["a backslash escape", 'a: "\\u00e9"\n'],
    ["a # inside a plain scalar", "a: x#y\n"],
    ["a comment right after a quote", "a: 'x'#c\n"],
    ["a mapping inside a plain scalar", "a: b: c\n"],
    ["a key spelled as a boolean", "true: x\n"],
    ["a key spelled as a number", "007: x\n"],
    ["a quoted key", "'a': x\n"],
    ["__proto__ as a key", "__proto__: x\n"],
    ["a document marker", "---\na: 1\n"],
    ["an indented root", "  a: 1\n"],
    ["a deeper line after a value", "a: 1\n  b: 2\n"],
    ["a line between two indentations", "a:\n    b: 1\n  c: 2\n"],
    ["a list at the root", "- a\n"],
    ["an empty file", "# nothing\n"],
  ])("declines %s", (_name, text) => {
    expect(loadSimpleYaml(text)).toBeUndefined();
  });

  it("agrees with the library on random YAML-like text, reading a good share of it", () => {
    let read = 0;
    const runs = 20000;
    fc.assert(
      fc.property(yamlLikeText(examples), (text) => {
        if (expectAgreement(text)) read++;
      }),
      { numRuns: runs },
    );

    expect(read).toBeGreaterThan(runs / 20);
  });
});
