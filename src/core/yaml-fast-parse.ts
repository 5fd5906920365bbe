import { childPointer, type YamlEntry } from "./positions.js";

/**
 * A fast reader for the plain block YAML that instance files are written in: nested block
 * mappings with identifier keys, block lists of scalars, one-line flow lists, plain and one-line
 * quoted scalars, comments. It returns undefined for anything else (anchors, tags, multi-line
 * scalars, escapes, flow mappings, duplicate keys, any syntax error…), and the caller falls back
 * to the `yaml` library, which handles and reports everything. For the subset it accepts it gives
 * exactly the data and positions the `yaml` library gives (YAML 1.2 core schema); a property test
 * holds it to that. It exists because the library is ~8× slower, and validating 10,000 files is
 * a start-up-bound CLI's hot path.
 */
export function parseYamlFast(
  text: string,
): { data: Record<string, unknown>; entries: YamlEntry[] } | undefined {
  return readYaml(text, []);
}

/**
 * The same reader without positions: most files have no problem, so positions are worked out
 * (by reading the file again with `parseYamlFast`) only for a file that needs them.
 */
export function parseYamlFastData(text: string): Record<string, unknown> | undefined {
  return readYaml(text, undefined)?.data;
}

function readYaml(
  text: string,
  entries: MutableEntry[] | undefined,
): { data: Record<string, unknown>; entries: YamlEntry[] } | undefined {
  if (UNSUPPORTED_CHARACTER.test(text)) return undefined;
  const frames: Frame[] = [];
  let pending: Pending | undefined;
  // Indent of the last line that ended in a scalar: a deeper line after it would continue it.
  let scalarIndent = -1;
  let lastEnd = 0;

  for (let offset = 0; offset < text.length; ) {
    const newline = text.indexOf("\n", offset);
    const next = newline === -1 ? text.length : newline + 1;
    const lineEnd =
      newline === -1 ? text.length : text.charCodeAt(newline - 1) === CR ? newline - 1 : newline;
    let start = offset;
    while (start < lineEnd && text.charCodeAt(start) === SPACE) start++;
    const indent = start - offset;
    offset = next;
    if (start === lineEnd) continue;
    if (scalarIndent >= 0 && indent > scalarIndent) return undefined;
    if (text.charCodeAt(start) === HASH) continue;
    // `---`, `...` and `%` directives cannot start a key, so they fall through to the library below.
    const isItem =
      text.charCodeAt(start) === DASH && (start + 1 === lineEnd || text.charCodeAt(start + 1) === SPACE);

    if (frames.length === 0) {
      if (indent !== 0 || isItem) return undefined;
      const root: MutableEntry = {
        pointer: "",
        key: undefined,
        keyOffset: undefined,
        valueStart: start,
        valueEnd: start,
        scalar: undefined,
      };
      entries?.push(root);
      frames.push({ indent: 0, kind: "map", value: {}, pointer: "", entry: root });
    }
    if (pending !== undefined) {
      if (indent > pending.keyIndent || (isItem && indent === pending.keyIndent)) {
        const value: Record<string, unknown> | unknown[] = isItem ? [] : {};
        pending.container[pending.key] = value;
        pending.entry.valueStart = start;
        pending.entry.scalar = undefined;
        frames.push({
          indent,
          kind: isItem ? "seq" : "map",
          value,
          pointer: pending.entry.pointer,
          entry: pending.entry,
        });
      } else {
        pending.container[pending.key] = null;
      }
      pending = undefined;
    }
    for (let top = frames.at(-1); top !== undefined; top = frames.at(-1)) {
      const leavesList = top.kind === "seq" && indent === top.indent && !isItem && frames.length > 1;
      if (indent >= top.indent && !leavesList) break;
      top.entry.valueEnd = lastEnd;
      frames.pop();
    }
    const frame = frames.at(-1);
    if (frame === undefined || indent !== frame.indent) return undefined;
    lastEnd = lineEnd;

    if (frame.kind === "seq") {
      if (!isItem) return undefined;
      let valueStart = start + 1;
      while (valueStart < lineEnd && text.charCodeAt(valueStart) === SPACE) valueStart++;
      if (valueStart === lineEnd || text.charCodeAt(valueStart) === HASH) return undefined;
      const list = frame.value as unknown[];
      const pointer = entries === undefined ? "" : childPointer(frame.pointer, list.length);
      const value = readInlineValue(text, valueStart, lineEnd, pointer, undefined, undefined, entries);
      if (value === FALLBACK) return undefined;
      list.push(value);
      scalarIndent = indent;
      continue;
    }

    const keyEnd = readKey(text, start, lineEnd);
    if (keyEnd === undefined) return undefined;
    const key = text.slice(start, keyEnd);
    const map = frame.value as Record<string, unknown>;
    if (Object.hasOwn(map, key) || key === "__proto__") return undefined;
    const pointer = entries === undefined ? "" : childPointer(frame.pointer, key);
    let valueStart = keyEnd + 1;
    while (valueStart < lineEnd && text.charCodeAt(valueStart) === SPACE) valueStart++;
    if (valueStart === lineEnd || text.charCodeAt(valueStart) === HASH) {
      const entry: MutableEntry = {
        pointer,
        key,
        keyOffset: start,
        valueStart: start,
        valueEnd: start,
        scalar: null,
      };
      entries?.push(entry);
      map[key] = null;
      pending = { container: map, key, keyIndent: indent, entry };
      scalarIndent = -1;
      continue;
    }
    const value = readInlineValue(text, valueStart, lineEnd, pointer, key, start, entries);
    if (value === FALLBACK) return undefined;
    map[key] = value;
    scalarIndent = indent;
  }

  const root = frames[0];
  if (root === undefined) return undefined;
  for (const frame of frames) frame.entry.valueEnd = lastEnd;
  return { data: root.value as Record<string, unknown>, entries: entries ?? [] };
}

type MutableEntry = { -readonly [K in keyof YamlEntry]: YamlEntry[K] };

interface Frame {
  readonly indent: number;
  readonly kind: "map" | "seq";
  readonly value: Record<string, unknown> | unknown[];
  readonly pointer: string;
  readonly entry: MutableEntry;
}

interface Pending {
  readonly container: Record<string, unknown>;
  readonly key: string;
  readonly keyIndent: number;
  readonly entry: MutableEntry;
}

const FALLBACK = Symbol("fallback");
const COLON = 0x3a;
const COMMA = 0x2c;
const CLOSE_BRACKET = 0x5d;
/** In a flow list a plain scalar ends at `,` or `]`; `[`, `{`, `}`, `#` inside it go to the library. */
const FLOW_SPECIAL: ReadonlySet<number> = new Set([COMMA, CLOSE_BRACKET, 0x5b, 0x7b, 0x7d, 0x23]);
const MAYBE_NOT_STRING: ReadonlySet<number> = new Set(
  Array.from("~nNtTfF0123456789+-.", (char) => char.charCodeAt(0)),
);
const SPACE = 0x20;
const HASH = 0x23;
const DASH = 0x2d;
const CR = 0x0d;

/** Tabs, control characters and line separators other than LF / CRLF, a BOM inside the text. */
// biome-ignore lint/suspicious/noControlCharactersInRegex: these are exactly what the fast path refuses
const UNSUPPORTED_CHARACTER = /[\t\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u2028\u2029\ufeff]|\r(?!\n)/;
/** Characters that start something other than a plain scalar (YAML's c-indicators, minus quotes and `[`). */
const INDICATORS = new Set(["{", "}", "]", ",", "&", "*", "!", "|", ">", "%", "@", "`", "#"]);

/** End of an identifier key followed by `:` and a space or the end of the line, else undefined. */
function readKey(text: string, start: number, lineEnd: number): number | undefined {
  let end = start;
  const first = text.charCodeAt(end);
  if (!isIdentifierStart(first)) return undefined;
  end++;
  while (end < lineEnd && isIdentifierPart(text.charCodeAt(end))) end++;
  if (text.charCodeAt(end) !== 0x3a) return undefined;
  if (end + 1 < lineEnd && text.charCodeAt(end + 1) !== SPACE) return undefined;
  return end;
}

function isIdentifierStart(code: number): boolean {
  return (code >= 0x61 && code <= 0x7a) || (code >= 0x41 && code <= 0x5a) || code === 0x5f;
}

function isIdentifierPart(code: number): boolean {
  return isIdentifierStart(code) || (code >= 0x30 && code <= 0x39) || code === DASH;
}

/** Reads the value after `key: ` or `- ` and records its entry (and its items' entries). */
function readInlineValue(
  text: string,
  start: number,
  lineEnd: number,
  pointer: string,
  key: string | undefined,
  keyOffset: number | undefined,
  entries: MutableEntry[] | undefined,
): unknown {
  const first = text[start] ?? "";
  if (first === "[") {
    const entry: MutableEntry = {
      pointer,
      key,
      keyOffset,
      valueStart: start,
      valueEnd: start,
      scalar: undefined,
    };
    entries?.push(entry);
    const list = readFlowList(text, start, lineEnd, pointer, entries);
    if (list === FALLBACK) return FALLBACK;
    entry.valueEnd = list.end;
    return list.items;
  }
  const scalar = readScalar(text, start, lineEnd, false);
  if (scalar === FALLBACK || !isRestComment(text, scalar.end, lineEnd)) return FALLBACK;
  entries?.push({ pointer, key, keyOffset, valueStart: start, valueEnd: scalar.end, scalar: scalar.value });
  return scalar.value;
}

function readFlowList(
  text: string,
  start: number,
  lineEnd: number,
  pointer: string,
  entries: MutableEntry[] | undefined,
): { items: unknown[]; end: number } | typeof FALLBACK {
  const items: unknown[] = [];
  let position = skipSpaces(text, start + 1, lineEnd);
  if (text[position] === "]")
    return isRestComment(text, position + 1, lineEnd) ? { items, end: position + 1 } : FALLBACK;
  for (;;) {
    const scalar = readScalar(text, position, lineEnd, true);
    if (scalar === FALLBACK) return FALLBACK;
    entries?.push({
      pointer: childPointer(pointer, items.length),
      key: undefined,
      keyOffset: undefined,
      valueStart: position,
      valueEnd: scalar.end,
      scalar: scalar.value,
    });
    items.push(scalar.value);
    position = skipSpaces(text, scalar.end, lineEnd);
    if (text[position] === "]") {
      return isRestComment(text, position + 1, lineEnd) ? { items, end: position + 1 } : FALLBACK;
    }
    if (text[position] !== ",") return FALLBACK;
    position = skipSpaces(text, position + 1, lineEnd);
    // A trailing comma or an empty item: leave the edge cases to the library.
    if (text[position] === "]" || text[position] === ",") return FALLBACK;
  }
}

/** A quoted or plain scalar starting at `start`; in a flow list, plain scalars stop at `,` and `]`. */
function readScalar(
  text: string,
  start: number,
  lineEnd: number,
  inFlow: boolean,
): { value: unknown; end: number } | typeof FALLBACK {
  const first = text[start] ?? "";
  if (first === '"') {
    const close = text.indexOf('"', start + 1);
    if (close === -1 || close >= lineEnd) return FALLBACK;
    const value = text.slice(start + 1, close);
    return value.includes("\\") ? FALLBACK : { value, end: close + 1 };
  }
  if (first === "'") {
    let value = "";
    for (let position = start + 1; position < lineEnd; ) {
      const close = text.indexOf("'", position);
      if (close === -1 || close >= lineEnd) return FALLBACK;
      value += text.slice(position, close);
      if (text[close + 1] !== "'") return { value, end: close + 1 };
      value += "'";
      position = close + 2;
    }
    return FALLBACK;
  }
  if (first === "" || first === "[" || INDICATORS.has(first)) return FALLBACK;
  const second = text[start + 1];
  if (
    (first === "-" || first === "?" || first === ":") &&
    (second === undefined || second === " " || start + 1 >= lineEnd || (inFlow && ",[]{}".includes(second)))
  ) {
    return FALLBACK;
  }
  let end = start;
  for (; end < lineEnd; end++) {
    const code = text.charCodeAt(end);
    if (code === HASH && text.charCodeAt(end - 1) === SPACE) break;
    if (code === COLON) {
      const after = text.charCodeAt(end + 1);
      // In a flow list any `:` may start a key; in a block, `: ` or a final `:` does.
      if (inFlow || end + 1 >= lineEnd || after === SPACE) return FALLBACK;
    } else if (inFlow && code < 0x7e && FLOW_SPECIAL.has(code)) {
      if (code === COMMA || code === CLOSE_BRACKET) break;
      return FALLBACK;
    }
  }
  while (end > start && text[end - 1] === " ") end--;
  if (end === start) return FALLBACK;
  const value = resolvePlainScalar(text.slice(start, end));
  return value === FALLBACK ? FALLBACK : { value, end };
}

/** YAML 1.2 core schema, as the `yaml` library resolves it; the rarer number forms go to the library. */
function resolvePlainScalar(source: string): unknown {
  // Only these first characters can start a null, a boolean or a number.
  if (!MAYBE_NOT_STRING.has(source.charCodeAt(0))) return source;
  if (NULL.test(source)) return null;
  if (TRUE.test(source)) return true;
  if (FALSE.test(source)) return false;
  if (DECIMAL.test(source)) return Number.parseInt(source, 10);
  if (OTHER_NUMBER.test(source)) return FALLBACK;
  return source;
}

const NULL = /^(?:~|[Nn]ull|NULL)$/;
const TRUE = /^(?:[Tt]rue|TRUE)$/;
const FALSE = /^(?:[Ff]alse|FALSE)$/;
const DECIMAL = /^[-+]?[0-9]+$/;
const OTHER_NUMBER =
  /^(?:0o[0-7]+|0x[0-9a-fA-F]+|[-+]?\.(?:inf|Inf|INF)|\.nan|\.NaN|\.NAN|[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?)$/;

function skipSpaces(text: string, position: number, lineEnd: number): number {
  let end = position;
  while (end < lineEnd && text.charCodeAt(end) === SPACE) end++;
  return end;
}

/** After a value, only spaces and a comment (`#` after a space) may follow on its line. */
function isRestComment(text: string, position: number, lineEnd: number): boolean {
  const end = skipSpaces(text, position, lineEnd);
  return end === lineEnd || (text.charCodeAt(end) === HASH && end > position);
}
