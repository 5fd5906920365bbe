/**
 * Calls `visit` for every mapping key in parsed data, depth first, in file order, with the live
 * path to it (turn it into a pointer with `toPointer` on a hit: most keys are not hits, and this
 * runs over 10,000 files). Aliases may share a value between places; each place is visited (the
 * parser's alias limit bounds how many, and cycles are refused before this runs).
 */
export function forEachKey(
  data: unknown,
  visit: (key: string, value: unknown, path: readonly (string | number)[]) => void,
): void {
  walkData(data, visit);
}

/** The one depth-first walk both visitors share; `visitString` also sees string values. */
function walkData(
  data: unknown,
  visitKey: (key: string, value: unknown, path: readonly (string | number)[]) => void,
  visitString?: (text: string, path: readonly (string | number)[]) => void,
): void {
  const path: (string | number)[] = [];
  const walk = (value: unknown): void => {
    if (typeof value === "string") {
      visitString?.(value, path);
      return;
    }
    if (typeof value !== "object" || value === null) return;
    if (Array.isArray(value)) {
      for (let index = 0; index < value.length; index++) {
        path.push(index);
        walk(value[index]);
        path.pop();
      }
      return;
    }
    const record = value as Record<string, unknown>;
    for (const key in record) {
      if (!Object.hasOwn(record, key)) continue;
      path.push(key);
      visitKey(key, record[key], path);
      walk(record[key]);
      path.pop();
    }
  };
  walk(data);
}

/**
 * Calls `visit` for every string of parsed data as the parser decoded it, keys included (a key is
 * reported at the path to its value), with the live path to it.
 */
export function forEachDecodedString(
  data: unknown,
  visit: (text: string, path: readonly (string | number)[]) => void,
): void {
  walkData(data, (key, _value, path) => visit(key, path), visit);
}
