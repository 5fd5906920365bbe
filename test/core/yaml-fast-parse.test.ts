import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { parseDocument } from "yaml";
import type { YamlEntry } from "../../src/core/positions.js";
import { indexYamlDocument } from "../../src/core/yaml-document-index.js";
import { parseYamlFast } from "../../src/core/yaml-fast-parse.js";
import { MAX_ALIAS_COUNT, YAML_OPTIONS } from "../../src/core/yaml-library-parse.js";
import { yamlLikeText } from "./yaml-arbitraries.js";

const root = join(import.meta.dirname, "../..");
const examples = readdirSync(join(root, "instances")).map((name) =>
  readFileSync(join(root, "instances", name), "utf8"),
);

/** What the `yaml` library makes of a text, in the fast reader's terms; undefined if it objects. */
function readWithLibrary(text: string): { data: unknown; entries: YamlEntry[] } | undefined {
  const document = parseDocument(text, YAML_OPTIONS);
  if (document.errors.length > 0 || document.warnings.length > 0) return undefined;
  return { data: document.toJS({ maxAliasCount: MAX_ALIAS_COUNT }), entries: indexYamlDocument(document) };
}

function positions(entries: readonly YamlEntry[]): Record<string, [number, number | undefined]> {
  return Object.fromEntries(entries.map((entry) => [entry.pointer, [entry.valueStart, entry.keyOffset]]));
}

/** The fast reader either declines or agrees with the library on data and on every position. */
function expectAgreement(text: string): void {
  const fast = parseYamlFast(text);
  if (fast === undefined) return;
  const library = readWithLibrary(text);

  expect(library, `the library rejects what the fast reader accepted:\n${text}`).toBeDefined();
  expect(fast.data).toStrictEqual(library?.data);
  expect(positions(fast.entries)).toStrictEqual(positions(library?.entries ?? []));
}

describe("parseYamlFast", () => {
  it("reads every example instance (the hot path is the common case)", () => {
    for (const text of examples) {
      expect(parseYamlFast(text)).toBeDefined();
      expectAgreement(text);
    }
  });

  it.each([
    [
      "scalars of the core schema",
      "a: null\nb: ~\nc: true\nd: FALSE\ne: -12\nf: +7\ng: 0012\nh: yes\ni: x # c\n",
    ],
    ["quoted scalars", "a: \"x # y\"\nb: 'it''s'\nc: ''\nd: \"\"\n"],
    ["flow lists", "a: [x, \"y\", 'z'] # c\nb: []\nc: [ 1 , true ]\n"],
    ["a list at the key's indentation", "a:\n- x\n- y\nb: 1\n"],
    ["empty values", "a:\nb:\n  c:\n  d: 1\ne: # note\n"],
    ["CRLF line ends", "a: 1\r\nb:\r\n  - x\r\n"],
    ["comments everywhere", "# top\na: 1 # one\n# between\nb:\n  # inside\n  c: 2 # two\n"],
  ])("agrees with the library on %s", (_name, text) => {
    const fast = parseYamlFast(text);

    expect(fast).toBeDefined();
    expectAgreement(text);
  });

  it.each([
    ["an anchor", "a: &x 1\nb: *x\n"],
    ["a tag", "a: !!str 1\n"],
    ["a block scalar", "a: |\n  x\n"],
    ["a multi-line plain scalar", "a: x\n  y\n"],
    ["a duplicate key", "a: 1\na: 2\n"],
    ["a flow mapping", "a: {b: 1}\n"],
    ["an escape", 'a: "x\\ty"\n'],
    ["a float", "a: 1.5\n"],
    ["a tab", "a:\t1\n"],
    ["a document marker", "---\na: 1\n"],
    ["a list at the root", "- a\n"],
    ["a mapping in a list", "a:\n  - b: 1\n"],
    ["bad indentation", "a:\n    b: 1\n  c: 2\n"],
  ])("leaves %s to the library", (_name, text) => {
    expect(parseYamlFast(text)).toBeUndefined();
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
