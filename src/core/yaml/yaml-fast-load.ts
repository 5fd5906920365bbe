import { CORE_SCHEMA, load, Type } from "js-yaml";

/**
 * The fast path for instance files: js-yaml, about ten times faster than the `yaml` library's
 * `parseDocument` + `toJS` on them, gives the data only. It returns undefined, and the caller
 * falls back to the `yaml` library (yaml-library-parse.ts, which gives every diagnostic and every
 * position), whenever the two libraries might not agree: js-yaml throws or warns, the text uses
 * something js-yaml reads differently or without limits (see `MAY_DISAGREE`), a key may have been
 * spelled otherwise (see `isAmbiguousKey`), or the top level is not a mapping. A property test
 * (test/core/yaml-fast-load.test.ts) holds the data it returns equal to the library's.
 */
export function loadYamlData(text: string): Record<string, unknown> | undefined {
  if (MAY_DISAGREE.test(text)) return undefined;
  let warned = false;
  let data: unknown;
  try {
    data = load(text, {
      schema: YAML_1_2_CORE_SCHEMA,
      json: false,
      onWarning: () => {
        warned = true;
      },
    });
  } catch {
    return undefined;
  }
  if (warned || !isMapping(data) || hasAmbiguousKey(data)) return undefined;
  return data;
}

/**
 * Text where js-yaml and the `yaml` library may part ways, or where js-yaml has no limits. The
 * check is coarse on purpose: a false alarm only costs the slower path.
 * - `&`, `*`, `!` where a node may start: anchors, aliases (alias bombs) and tags;
 * - `<<`: merge keys;
 * - `%` at a line start: directives (`%YAML 1.1` changes the schema);
 * - `---` or `...` at a line start, except a first line of just `---`: a second document, or
 *   content on the marker's line;
 * - `?` before a space: explicit keys; `]` or `}` before `:`, or a flow mapping holding a
 *   collection: a list or mapping as a key;
 * - an empty list item (`-` alone on its line): js-yaml then accepts a next item at any lesser
 *   indentation, into the wrong list;
 * - a comment line followed by a line of a plain scalar (the value of a key above, say): the
 *   `yaml` library objects to some of these;
 * - `#` right after a flow indicator, a quote or `:`: js-yaml takes it for a comment, the
 *   `yaml` library for an error;
 * - a block scalar's indentation indicator (`|2`) or keep indicator (`|+`), or blank lines
 *   first in a block scalar: the two keep different white space, or only one objects;
 * - tabs, control characters, C1 characters (NEL), Unicode line separators, a BOM inside the
 *   text, a CR alone: the two disagree on some of them as white space and line breaks.
 */
const MAY_DISAGREE = new RegExp(
  [
    /(?:^|[\s[\]{},:?"'|>-])[&*!]/.source,
    /<</.source,
    /(?:^|[\n\r])%/.source,
    /[\n\r](?:---|\.\.\.)|^(?:---(?!\r?\n)|\.\.\.)/.source,
    /\?(?:\s|$)/.source,
    /[\]}]\s*:|\{[^}]*[[{]/.source,
    /(?:^|\n)[ ]*(?:-[ ]+)*-[ ]*(?:#[^\r\n]*)?(?=[\r\n]|$)/.source,
    /[[\]{},:"']#/.source,
    /(?:^|\n)[ ]*#[^\n]*\n(?:[ ]*\r?\n)*[ ]*(?=[^\s#[{"'])(?!-(?:\s|$))(?![^\n]*:(?:\s|$))/.source,
    /[|>](?:[-+]?[0-9]|\+|-?[ ]*(?:#[^\r\n]*)?\r?\n[ ]*\r?\n)/.source,
    // biome-ignore lint/suspicious/noControlCharactersInRegex: exactly what the fast path refuses
    /[\t\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u2028\u2029\ufeff]|\r(?!\n)/.source,
  ].join("|"),
);

/**
 * js-yaml's CORE_SCHEMA with YAML 1.2 core's integers and floats, as the `yaml` library reads
 * them: js-yaml's own also read `0b1`, `1_000` and `-0x1` as numbers and `+.5` as a string.
 */
const INT = /^(?:[-+]?[0-9]+|0o[0-7]+|0x[0-9a-fA-F]+)$/;
const FLOAT =
  /^(?:[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?|[-+]?\.(?:inf|Inf|INF)|\.nan|\.NaN|\.NAN)$/;

const YAML_1_2_CORE_SCHEMA = CORE_SCHEMA.extend({
  implicit: [
    new Type("tag:yaml.org,2002:int", {
      kind: "scalar",
      resolve: (source: unknown) => typeof source === "string" && INT.test(source),
      construct: (source: string) => {
        if (source.startsWith("0o")) return Number.parseInt(source.slice(2), 8);
        if (source.startsWith("0x")) return Number.parseInt(source.slice(2), 16);
        return Number.parseInt(source, 10);
      },
    }),
    new Type("tag:yaml.org,2002:float", {
      kind: "scalar",
      resolve: (source: unknown) => typeof source === "string" && FLOAT.test(source),
      construct: (source: string) => {
        const special = source.slice(-3).toLowerCase();
        if (special === "nan" && source.includes(".")) return Number.NaN;
        if (special === "inf" && source.includes("."))
          return source.startsWith("-") ? Number.NEGATIVE_INFINITY : Number.POSITIVE_INFINITY;
        return Number.parseFloat(source);
      },
    }),
  ],
});

function isMapping(data: unknown): data is Record<string, unknown> {
  return typeof data === "object" && data !== null && !Array.isArray(data);
}

/**
 * js-yaml turns a key that reads as null, a boolean or a number into a string (`~` → "null",
 * `True` → "true", `007` → "7"), where the `yaml` library keeps the key as written. A key that
 * could be such a string might have been spelled otherwise, so the file takes the slower path;
 * so does a key longer than YAML's 1024-character limit on implicit keys, which js-yaml ignores.
 */
function hasAmbiguousKey(value: unknown): boolean {
  if (Array.isArray(value)) return value.some(hasAmbiguousKey);
  if (!isMapping(value)) return false;
  for (const key in value) {
    if (isAmbiguousKey(key) || hasAmbiguousKey(value[key])) return true;
  }
  return false;
}

const NON_STRING_KEYS: ReadonlySet<string> = new Set([
  "null",
  "true",
  "false",
  "NaN",
  "Infinity",
  "-Infinity",
]);
const MAX_KEY_LENGTH = 1000;

function isAmbiguousKey(key: string): boolean {
  const code = key.charCodeAt(key.charCodeAt(0) === 0x2d ? 1 : 0);
  return (code >= 0x30 && code <= 0x39) || NON_STRING_KEYS.has(key) || key.length > MAX_KEY_LENGTH;
}
