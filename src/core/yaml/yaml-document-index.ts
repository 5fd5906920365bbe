import { type Document, isMap, isPair, isScalar, isSeq } from "yaml";
import { childPointer, type YamlEntry } from "./positions.js";

/**
 * Lists every value of a document parsed by the `yaml` library, with its position. Aliases are not
 * followed: the anchored original is listed where it is written (and alias bombs stay unexpanded).
 */
export function indexYamlDocument(document: Document.Parsed): YamlEntry[] {
  const entries: YamlEntry[] = [];
  const visit = (
    node: unknown,
    pointer: string,
    key: string | undefined,
    keyOffset: number | undefined,
  ): void => {
    const range = rangeOf(node);
    const empty = range === undefined || range[0] === range[1];
    const start = empty ? (keyOffset ?? range?.[0] ?? 0) : range[0];
    entries.push({
      pointer,
      key,
      keyOffset,
      valueStart: start,
      valueEnd: empty ? start : range[1],
      scalar: isScalar(node) ? node.value : node === null ? null : undefined,
    });
    if (isMap(node)) {
      for (const pair of node.items) {
        if (!isPair(pair) || !isScalar(pair.key)) continue;
        const name = String(pair.key.value);
        visit(pair.value, childPointer(pointer, name), name, rangeOf(pair.key)?.[0]);
      }
    } else if (isSeq(node)) {
      for (const [index, item] of node.items.entries())
        visit(item, childPointer(pointer, index), undefined, undefined);
    }
  };
  visit(document.contents, "", undefined, undefined);
  return entries;
}

function rangeOf(node: unknown): readonly [number, number, number] | undefined {
  if (typeof node !== "object" || node === null || !("range" in node)) return undefined;
  const range = (node as { range?: [number, number, number] | null }).range;
  return range ?? undefined;
}
