import type { Diagnostic } from "../diagnostics/diagnostic.js";
import type { Position } from "./positions.js";

/**
 * Limits on the shape of an instance file, checked in one pass over the text before any YAML
 * parser sees it. An instance file is a few dozen lines; these limits are hundreds of times that,
 * and keep the parsers' work (and every later walk over the data, which recurses) bounded for
 * any 1 MiB file (docs/security.md).
 */
export const YAML_SHAPE_LIMITS = {
  /** Lines in the file. */
  lines: 2_000,
  /** `[`, `{`, `,` and `- `: the items of lists and mappings, bracketed or not (not `key:` lines). */
  items: 2_000,
  /** Flow lists and mappings open inside one another. */
  flowDepth: 32,
  /** Where a line's content starts, after its indentation and any `- ` or `? ` indicators. */
  indentColumns: 64,
} as const;

const NEWLINE = 0x0a;
const SPACE = 0x20;

/**
 * The first limit the text breaks, as a `file.too-complex` diagnostic at the place where it
 * breaks it; undefined when the text is within every limit. Quotes are not tracked (a bracket in
 * a quoted string counts too): the limits are far enough away for that not to matter.
 */
export function checkYamlShape(file: string, text: string): Diagnostic | undefined {
  let lines = 1;
  let lineStart = 0;
  let items = 0;
  let depth = 0;
  const at = (offset: number, what: string) =>
    tooComplex(file, { line: lines, column: offset - lineStart + 1 }, what);
  for (let index = 0; index < text.length; index++) {
    if (index === lineStart && contentColumn(text, index) > YAML_SHAPE_LIMITS.indentColumns) {
      return at(index, `a line is indented more than ${YAML_SHAPE_LIMITS.indentColumns} columns deep`);
    }
    const code = text.charCodeAt(index);
    if (code === NEWLINE) {
      lineStart = index + 1;
      if (lineStart < text.length && ++lines > YAML_SHAPE_LIMITS.lines) {
        return at(lineStart, `the file has more than ${YAML_SHAPE_LIMITS.lines} lines`);
      }
    } else if (code === 0x5b || code === 0x7b) {
      if (++depth > YAML_SHAPE_LIMITS.flowDepth) {
        return at(index, `lists or mappings in brackets nest more than ${YAML_SHAPE_LIMITS.flowDepth} deep`);
      }
      if (++items > YAML_SHAPE_LIMITS.items) return at(index, TOO_MANY_ITEMS);
    } else if (code === 0x5d || code === 0x7d) {
      if (depth > 0) depth--;
    } else if (isItemSeparator(text, index, code) && ++items > YAML_SHAPE_LIMITS.items) {
      return at(index, TOO_MANY_ITEMS);
    }
  }
  return undefined;
}

const TOO_MANY_ITEMS = `the file has more than ${YAML_SHAPE_LIMITS.items} list items, brackets and commas`;

/** A `,`, or a `-` before white space (a block list item, `- - x` nesting included). */
function isItemSeparator(text: string, index: number, code: number): boolean {
  if (code === 0x2c) return true;
  if (code !== 0x2d) return false;
  const next = text.charCodeAt(index + 1);
  return next === SPACE || next === NEWLINE || Number.isNaN(next);
}

/** The column where a line's content starts: past spaces and `- ` / `? ` block indicators. */
function contentColumn(text: string, start: number): number {
  let index = start;
  const limit = start + YAML_SHAPE_LIMITS.indentColumns + 2;
  while (index < text.length && index < limit) {
    const code = text.charCodeAt(index);
    const next = text.charCodeAt(index + 1);
    if (code === SPACE) index++;
    else if ((code === 0x2d || code === 0x3f) && next === SPACE) index += 2;
    else break;
  }
  return index - start;
}

function tooComplex(file: string, position: Position, what: string): Diagnostic {
  return {
    file,
    ...position,
    path: "",
    code: "file.too-complex",
    severity: "error",
    message: `${what}; an instance file describes one partner account in a few dozen lines`,
    hint: "check that this is the right file: it holds one partner instance, which needs a few dozen lines",
  };
}
