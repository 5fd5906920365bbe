/**
 * The fastest path for instance files: a reader of the plain subset of block YAML that instance
 * files are written in (yaml-fast-load.ts tries it first). It returns undefined for anything else,
 * and js-yaml then reads the file as before. What it reads:
 * - a block mapping at the root, at column 0; nested block mappings; block lists of scalars, also
 *   at their key's indentation; comment lines and blank lines anywhere;
 * - keys spelled `[A-Za-z_][A-Za-z0-9_-]*` that read as strings in YAML 1.2 (not `true`, `null`, …);
 * - one-line scalars: plain (resolved as YAML 1.2's core schema: null, booleans, integers, floats,
 *   else a string), single-quoted without `''`, double-quoted without escapes; `[a, b]` lists of
 *   plain scalars; a comment after a value.
 * It declines everything else: line breaks other than LF, tabs and control characters, anchors,
 * aliases, tags, flow mappings, block scalars, multi-line scalars, a list item holding a mapping or
 * a list, a duplicate key, a `#` or `: ` inside a plain scalar, a `---` line. Declining costs only
 * the slower path; reading differently would be a bug: the property test of
 * test/core/yaml-fast-load.test.ts holds its data equal to the `yaml` library's.
 */
export function loadSimpleYaml(text: string): Record<string, unknown> | undefined {
  if (REFUSED_CHARACTERS.test(text)) return undefined;
  const lines = contentLines(text);
  if (lines === undefined || lines.length === 0 || (lines[0] as Line).indent !== 0) return undefined;
  const reader: Reader = { lines, next: 0 };
  const root = readMapping(reader, 0);
  return root !== undefined && reader.next === lines.length ? root : undefined;
}

interface Line {
  readonly indent: number;
  /** The line without its indentation; never blank, never a comment line. */
  readonly content: string;
}

interface Reader {
  readonly lines: readonly Line[];
  next: number;
}

// biome-ignore lint/suspicious/noControlCharactersInRegex: exactly what this reader refuses
const REFUSED_CHARACTERS = /[\x00-\x09\x0b-\x1f\x7f-\x9f\u2028\u2029\ufeff]/;
const ENTRY = /^([A-Za-z_][A-Za-z0-9_-]*):(?: +|$)/;
/** Keys that YAML 1.2's core schema reads as null or a boolean (the `yaml` library keeps them as written, js-yaml not). */
const NON_STRING_KEYS: ReadonlySet<string> = new Set([
  "null",
  "Null",
  "NULL",
  "true",
  "True",
  "TRUE",
  "false",
  "False",
  "FALSE",
]);
const MAX_KEY_LENGTH = 1000;

/** The lines that hold something, with their indentation; undefined for a document marker. */
function contentLines(text: string): Line[] | undefined {
  const lines: Line[] = [];
  let start = 0;
  while (start < text.length) {
    let end = text.indexOf("\n", start);
    if (end === -1) end = text.length;
    let indent = start;
    while (indent < end && text.charCodeAt(indent) === 0x20) indent++;
    if (indent < end && text.charCodeAt(indent) !== 0x23) {
      const content = text.slice(indent, end);
      if (content.startsWith("---") || content.startsWith("...")) return undefined;
      lines.push({ indent: indent - start, content });
    }
    start = end + 1;
  }
  return lines;
}

/** The entries at `indent`, up to a line indented less; undefined if anything is outside the subset. */
function readMapping(reader: Reader, indent: number): Record<string, unknown> | undefined {
  const mapping: Record<string, unknown> = {};
  const seen = new Set<string>();
  while (reader.next < reader.lines.length) {
    const line = reader.lines[reader.next] as Line;
    if (line.indent < indent) break;
    if (line.indent > indent) return undefined;
    const entry = ENTRY.exec(line.content);
    if (entry === null) return undefined;
    const key = entry[1] as string;
    if (seen.has(key) || NON_STRING_KEYS.has(key) || key === "__proto__" || key.length > MAX_KEY_LENGTH)
      return undefined;
    seen.add(key);
    reader.next++;
    const rest = line.content.slice(entry[0].length);
    let value: unknown;
    if (rest === "" || rest.startsWith("#")) {
      value = readBlockValue(reader, indent);
    } else {
      value = readScalar(rest, false);
    }
    if (value === undefined) return undefined;
    mapping[key] = value;
  }
  return mapping;
}

/** What follows a key with nothing after it: a nested mapping, a list, or null. */
function readBlockValue(reader: Reader, keyIndent: number): unknown {
  const line = reader.lines[reader.next];
  if (line === undefined || line.indent < keyIndent) return null;
  if (isItem(line.content)) return readList(reader, line.indent);
  if (line.indent === keyIndent) return null;
  return readMapping(reader, line.indent);
}

function isItem(content: string): boolean {
  return content === "-" || content.startsWith("- ");
}

/** The items at `indent`, each a one-line scalar. */
function readList(reader: Reader, indent: number): unknown[] | undefined {
  const list: unknown[] = [];
  while (reader.next < reader.lines.length) {
    const line = reader.lines[reader.next] as Line;
    if (line.indent < indent || (line.indent === indent && !isItem(line.content))) break;
    if (line.indent > indent || line.content === "-") return undefined;
    const value = readScalar(trimStartSpaces(line.content.slice(2)), false);
    if (value === undefined) return undefined;
    list.push(value);
    reader.next++;
  }
  return list;
}

/**
 * A one-line value: quoted, a flow list, or plain, with an optional comment after it. Undefined
 * for an empty value (a list item, or a flow list's item) or anything outside the subset.
 */
function readScalar(text: string, inFlow: boolean): unknown {
  const first = text.charCodeAt(0);
  if (first === 0x22 || first === 0x27) return readQuoted(text, first === 0x22 ? '"' : "'", inFlow);
  if (first === 0x5b && !inFlow) return readFlowList(text);
  const plain = inFlow ? trimSpaces(text) : stripComment(text);
  if (plain === undefined || plain === "" || !isPlainSubset(plain, inFlow)) return undefined;
  return resolvePlain(plain);
}

function readQuoted(text: string, quote: '"' | "'", inFlow: boolean): string | undefined {
  const close = text.indexOf(quote, 1);
  if (close === -1) return undefined;
  const value = text.slice(1, close);
  if (quote === '"' && value.includes("\\")) return undefined;
  const after = text.slice(close + 1);
  if (quote === "'" && after.startsWith("'")) return undefined;
  if (inFlow) return trimSpaces(after) === "" ? value : undefined;
  const rest = trimStartSpaces(after);
  if (rest === "") return value;
  // A comment must be set off by white space from the closing quote.
  return rest.startsWith("#") && rest.length < after.length ? value : undefined;
}

function readFlowList(text: string): unknown[] | undefined {
  const close = text.indexOf("]");
  if (close === -1) return undefined;
  const inside = text.slice(1, close);
  const rest = text.slice(close + 1);
  const trimmed = trimStartSpaces(rest);
  if (trimmed !== "" && !(trimmed.startsWith("#") && trimmed.length < rest.length)) return undefined;
  if (/[[\]{}#"']/.test(inside)) return undefined;
  if (trimSpaces(inside) === "") return [];
  const items: unknown[] = [];
  for (const item of inside.split(",")) {
    const value = readScalar(item, true);
    if (value === undefined) return undefined;
    items.push(value);
  }
  return items;
}

/** The value before a comment (` #`), trimmed; undefined if a `#` is left. */
function stripComment(text: string): string | undefined {
  const comment = text.indexOf(" #");
  const value = trimEndSpaces(comment === -1 ? text : text.slice(0, comment));
  return value.includes("#") ? undefined : value;
}

/**
 * A plain scalar the two YAML libraries read alike: no indicator first, no `: ` or final `:` (a
 * mapping), no `#`; in a flow list, no `:` or `,` at all.
 */
function isPlainSubset(plain: string, inFlow: boolean): boolean {
  const first = plain.charCodeAt(0);
  if (INDICATORS.has(first)) {
    // `-` and `+` start numbers and words (`-1`, `-x`); not a list item (`- x`) or a lone `-`.
    if (first !== 0x2d || plain.length === 1 || plain.charCodeAt(1) === 0x20) return false;
  }
  if (plain.includes("#") || plain.endsWith(":") || plain.includes(": ")) return false;
  return !(inFlow && (plain.includes(":") || plain.startsWith("-")));
}

/** `-?:,[]{}#&*!|>'"%@\``: characters that start something else than a plain scalar. */
const INDICATORS: ReadonlySet<number> = new Set([..."-?:,[]{}#&*!|>'\"%@`"].map((c) => c.charCodeAt(0)));

const INT = /^(?:[-+]?[0-9]+|0o[0-7]+|0x[0-9a-fA-F]+)$/;
const FLOAT =
  /^(?:[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?|[-+]?\.(?:inf|Inf|INF)|\.nan|\.NaN|\.NAN)$/;

/** A plain scalar as YAML 1.2's core schema reads it (as yaml-fast-load.ts's schema for js-yaml does). */
function resolvePlain(plain: string): unknown {
  switch (plain) {
    case "~":
    case "null":
    case "Null":
    case "NULL":
      return null;
    case "true":
    case "True":
    case "TRUE":
      return true;
    case "false":
    case "False":
    case "FALSE":
      return false;
  }
  const first = plain.charCodeAt(0);
  // Only a digit, a sign or a dot can start a number: most values are words, skip the patterns.
  if (!((first >= 0x30 && first <= 0x39) || first === 0x2d || first === 0x2b || first === 0x2e)) return plain;
  if (INT.test(plain)) {
    if (plain.startsWith("0o")) return Number.parseInt(plain.slice(2), 8);
    if (plain.startsWith("0x")) return Number.parseInt(plain.slice(2), 16);
    return Number.parseInt(plain, 10);
  }
  if (FLOAT.test(plain)) {
    const special = plain.slice(-3).toLowerCase();
    if (special === "nan" && plain.includes(".")) return Number.NaN;
    if (special === "inf" && plain.includes("."))
      return plain.startsWith("-") ? Number.NEGATIVE_INFINITY : Number.POSITIVE_INFINITY;
    return Number.parseFloat(plain);
  }
  return plain;
}

// YAML's white space is the space and the tab (refused here): not JavaScript's `trim`, which also
// takes no-break and other Unicode spaces that YAML keeps as content.
function trimStartSpaces(text: string): string {
  let start = 0;
  while (text.charCodeAt(start) === 0x20) start++;
  return text.slice(start);
}

function trimEndSpaces(text: string): string {
  let end = text.length;
  while (end > 0 && text.charCodeAt(end - 1) === 0x20) end--;
  return text.slice(0, end);
}

function trimSpaces(text: string): string {
  return trimEndSpaces(trimStartSpaces(text));
}
