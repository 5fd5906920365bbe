/** A 1-based line and column in a file. */
export interface Position {
  readonly line: number;
  readonly column: number;
}

/**
 * One value of a parsed YAML file (the root, a mapping entry or a list item) and where it is
 * written. The `yaml` library's document is indexed into these (yaml-document-index.ts), so
 * everything after parsing deals in pointers and offsets, never in YAML nodes.
 */
export interface YamlEntry {
  /** JSON pointer of the value. */
  readonly pointer: string;
  /** The mapping key, for a mapping entry. */
  readonly key: string | undefined;
  readonly keyOffset: number | undefined;
  /** Character offsets of the value in the text (an empty value starts at its key). */
  readonly valueStart: number;
  readonly valueEnd: number;
  /** The value when it is a scalar (string, number, boolean, null); undefined for collections. */
  readonly scalar: unknown;
}

/**
 * Where a diagnostic points for a JSON pointer:
 * - `value`: the value at the pointer (the usual case; an empty value points at its key);
 * - `key`: the key that holds it (an unknown key, or a mapping that lacks a required key).
 * A pointer that does not exist in the file (a value the schema's defaults filled in) points at its
 * deepest ancestor that does.
 */
export type Anchor = "value" | "key";

/** Maps JSON pointers of one parsed file to line:column. */
export interface Locator {
  locate(pointer: string, anchor?: Anchor): Position;
  /** Line:column of a character offset in the decoded text. */
  positionOf(offset: number): Position;
  /** The pointer of the innermost value whose text contains `offset` (`""`, the root, if none). */
  pointerAt(offset: number): string;
}

/**
 * A locator over a file's entries. Everything is worked out on first use: most files have no
 * diagnostic, so most locators are never asked, and `listEntries` is not even called.
 */
export function createLocator(text: string, listEntries: () => readonly YamlEntry[]): Locator {
  let lineStarts: number[] | undefined;
  let entries: readonly YamlEntry[] | undefined;
  let byPointer: Map<string, YamlEntry> | undefined;
  let byOffset: OffsetIndex | undefined;
  const positionOf = (offset: number): Position => {
    lineStarts ??= findLineStarts(text);
    return positionIn(lineStarts, offset);
  };
  return {
    positionOf,
    pointerAt(offset) {
      entries ??= listEntries();
      byOffset ??= indexByOffset(entries);
      return pointerAtOffset(byOffset, offset);
    },
    locate(pointer, anchor = "value") {
      entries ??= listEntries();
      byPointer ??= new Map(entries.map((entry) => [entry.pointer, entry]));
      let entry = byPointer.get(pointer);
      let exact = true;
      for (let path = pointer; entry === undefined && path !== ""; ) {
        path = path.slice(0, path.lastIndexOf("/"));
        entry = byPointer.get(path);
        exact = false;
      }
      if (entry === undefined) return { line: 1, column: 1 };
      const offset = exact && anchor === "key" ? (entry.keyOffset ?? entry.valueStart) : entry.valueStart;
      return positionOf(offset);
    },
  };
}

/** A locator made on its first question: for files whose positions are rarely needed. */
export function deferLocator(create: () => Locator): Locator {
  let locator: Locator | undefined;
  const load = (): Locator => {
    locator ??= create();
    return locator;
  };
  return {
    locate: (pointer, anchor) => load().locate(pointer, anchor),
    positionOf: (offset) => load().positionOf(offset),
    pointerAt: (offset) => load().pointerAt(offset),
  };
}

/**
 * The entries with a non-empty value, by start (a parent before the children that start where it
 * does), each with the innermost entry whose value contains its start: so that `pointerAt` is a
 * binary search and a climb of at most the nesting depth, however many values the file has.
 */
interface OffsetIndex {
  readonly entries: readonly YamlEntry[];
  readonly parents: readonly number[];
}

function indexByOffset(all: readonly YamlEntry[]): OffsetIndex {
  const entries = all
    .filter((entry) => entry.valueStart < entry.valueEnd)
    .sort((a, b) => a.valueStart - b.valueStart);
  const parents: number[] = [];
  const open: number[] = [];
  entries.forEach((entry, index) => {
    while (
      open.length > 0 &&
      (entries[open[open.length - 1] as number] as YamlEntry).valueEnd <= entry.valueStart
    )
      open.pop();
    parents.push(open.length === 0 ? -1 : (open[open.length - 1] as number));
    open.push(index);
  });
  return { entries, parents };
}

function pointerAtOffset({ entries, parents }: OffsetIndex, offset: number): string {
  let low = 0;
  let high = entries.length - 1;
  let candidate = -1;
  while (low <= high) {
    const middle = (low + high) >> 1;
    if ((entries[middle] as YamlEntry).valueStart <= offset) {
      candidate = middle;
      low = middle + 1;
    } else high = middle - 1;
  }
  while (candidate !== -1 && offset >= (entries[candidate] as YamlEntry).valueEnd) {
    candidate = parents[candidate] as number;
  }
  return candidate === -1 ? "" : (entries[candidate] as YamlEntry).pointer;
}

export function findLineStarts(text: string): number[] {
  const starts = [0];
  for (let index = text.indexOf("\n"); index !== -1; index = text.indexOf("\n", index + 1))
    starts.push(index + 1);
  return starts;
}

/** Line:column of a character offset, for a one-off question about a text. */
export function positionInText(text: string, offset: number): Position {
  return positionIn(findLineStarts(text), offset);
}

function positionIn(lineStarts: readonly number[], offset: number): Position {
  let low = 0;
  let high = lineStarts.length - 1;
  while (low < high) {
    const middle = (low + high + 1) >> 1;
    if ((lineStarts[middle] ?? 0) <= offset) low = middle;
    else high = middle - 1;
  }
  return { line: low + 1, column: offset - (lineStarts[low] ?? 0) + 1 };
}

/** Splits a JSON pointer (RFC 6901) into its unescaped segments. */
export function parsePointer(pointer: string): string[] {
  if (pointer === "") return [];
  return pointer
    .slice(1)
    .split("/")
    .map((segment) => segment.replaceAll("~1", "/").replaceAll("~0", "~"));
}

/** Appends one segment to a JSON pointer, escaping `~` and `/`. */
export function childPointer(pointer: string, segment: string | number): string {
  const text = String(segment);
  return `${pointer}/${text.includes("~") || text.includes("/") ? text.replaceAll("~", "~0").replaceAll("/", "~1") : text}`;
}

/** Builds a JSON pointer from segments. */
export function toPointer(segments: readonly (string | number)[]): string {
  return segments.reduce<string>((pointer, segment) => childPointer(pointer, segment), "");
}
