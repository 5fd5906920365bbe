import { type Document, isAlias, isCollection, isPair, isScalar, type Node } from "yaml";

/** More aliases than an instance file needs; the `yaml` library's own default, too. */
export const MAX_ALIAS_COUNT = 100;
/** Values that aliases may add to the data, all expansions together (an alias bomb adds billions). */
export const MAX_ALIAS_VALUES = 10_000;

export type AliasProblem =
  | { readonly kind: "unresolved" | "cycle"; readonly name: string; readonly offset: number }
  | { readonly kind: "limit"; readonly offset: number };

export interface DocumentChecks {
  /** Offsets of keys that repeat a key earlier in the same mapping, in document order. */
  readonly duplicateKeyOffsets: readonly number[];
  /** The first alias that names no anchor or sits inside its anchor, else a broken limit. */
  readonly aliasProblem: AliasProblem | undefined;
}

/**
 * One walk over a parsed document, in the order the `yaml` library resolves anchors (a node
 * before its children, a key before its value): duplicate keys, and aliases that are unresolved,
 * cyclic or too many. Time is linear in the document's size. It replaces the library's own checks
 * (`uniqueKeys`, and alias resolution inside `toJS`), which compare each key with every earlier
 * key of its mapping and walk the whole document for each alias.
 */
export function checkYamlDocument(document: Document.Parsed): DocumentChecks {
  const anchors = new Map<string, Node>();
  /** Values in the data for an anchored node, its aliases expanded (capped past the limit). */
  const sizes = new Map<Node, number>();
  const duplicateKeyOffsets: number[] = [];
  let aliasProblem: AliasProblem | undefined;
  let aliases = 0;
  let aliasValues = 0;
  let firstAliasOffset: number | undefined;

  /** Walks `node`, returning how many values it holds with its aliases expanded. */
  const walk = (node: unknown): number => {
    if (isAlias(node)) {
      const offset = node.range?.[0] ?? 0;
      firstAliasOffset ??= offset;
      aliases++;
      const target = anchors.get(node.source);
      const range = target?.range;
      if (target === undefined) aliasProblem ??= { kind: "unresolved", name: node.source, offset };
      else if (range && range[0] <= offset && offset < range[2]) {
        aliasProblem ??= { kind: "cycle", name: node.source, offset };
      }
      const size = target === undefined ? 1 : (sizes.get(target) ?? 1);
      aliasValues = Math.min(aliasValues + size, MAX_ALIAS_VALUES + 1);
      return size;
    }
    if (typeof node !== "object" || node === null) return 1;
    const anchor = (node as { anchor?: unknown }).anchor;
    if (typeof anchor === "string") anchors.set(anchor, node as Node);
    let size = 1;
    if (isCollection(node)) {
      const keys = new Set<unknown>();
      for (const item of node.items) {
        if (isPair(item)) {
          if (isScalar(item.key)) {
            if (keys.has(item.key.value)) duplicateKeyOffsets.push(item.key.range?.[0] ?? 0);
            else keys.add(item.key.value);
          }
          size += walk(item.key) + walk(item.value);
        } else size += walk(item);
        size = Math.min(size, MAX_ALIAS_VALUES + 1);
      }
    }
    if (typeof anchor === "string") sizes.set(node as Node, size);
    return size;
  };
  walk(document.contents);

  if (aliasProblem === undefined && (aliases > MAX_ALIAS_COUNT || aliasValues > MAX_ALIAS_VALUES)) {
    aliasProblem = { kind: "limit", offset: firstAliasOffset ?? 0 };
  }
  return { duplicateKeyOffsets, aliasProblem };
}
