import { type GraphObject, textField } from "../emulator-state.js";
import { GRAPH_PROPERTY_NAMES } from "./graph-property-names.js";

/** The `$filter` forms the emulator understands: `prop eq 'v'` and `prop/any(x:x eq 'v')`. */
export type ODataFilter =
  | { readonly kind: "eq"; readonly property: string; readonly value: string }
  | { readonly kind: "any-eq"; readonly property: string; readonly value: string };

const QUOTED = "'((?:[^']|'')*)'";
const EQ = new RegExp(`^\\s*(\\w+)\\s+eq\\s+${QUOTED}\\s*$`, "i");
const ANY_EQ = new RegExp(`^\\s*(\\w+)/any\\(\\s*(\\w+)\\s*:\\s*(\\w+)\\s+eq\\s+${QUOTED}\\s*\\)\\s*$`, "i");

/** Parses a `$filter`; `undefined` for a form the emulator does not support (Graph would 400). */
export function parseFilter(text: string): ODataFilter | undefined {
  const eq = EQ.exec(text);
  if (eq?.[1] !== undefined && eq[2] !== undefined) {
    return { kind: "eq", property: eq[1], value: unquote(eq[2]) };
  }
  const any = ANY_EQ.exec(text);
  if (any?.[1] !== undefined && any[2] !== undefined && any[2] === any[3] && any[4] !== undefined) {
    return { kind: "any-eq", property: any[1], value: unquote(any[4]) };
  }
  return undefined;
}

/** Graph compares these ids and names without regard to case. */
export function matchesFilter(object: GraphObject, filter: ODataFilter): boolean {
  const wanted = filter.value.toLowerCase();
  if (filter.kind === "eq") return textField(object, filter.property).toLowerCase() === wanted;
  const values = object[filter.property];
  return (
    Array.isArray(values) &&
    values.some((value) => typeof value === "string" && value.toLowerCase() === wanted)
  );
}

/**
 * Keeps only the `$select`ed properties (and `@odata.type`, which Graph always sends for derived
 * types). Graph sends every selected property of the type, `null` when it has no value, under its
 * own spelling; a selected navigation property is not sent without `$expand`.
 */
export function selectProperties(object: GraphObject, select: string | null, type?: string): GraphObject {
  if (select === null || select.trim() === "") return object;
  const wanted = new Set(select.split(",").map((name) => name.trim().toLowerCase()));
  const kept: GraphObject = {};
  const keptLower = new Set<string>();
  for (const [key, value] of Object.entries(object)) {
    if (key === "@odata.type" || wanted.has(key.toLowerCase())) {
      kept[key] = value;
      keptLower.add(key.toLowerCase());
    }
  }
  for (const [lower, name] of type === undefined ? [] : (declaredNames(type)?.properties ?? [])) {
    if (wanted.has(lower) && !keptLower.has(lower)) kept[name] = null;
  }
  return kept;
}

/** The first `$select`ed name that `type` does not have (Graph compares names without case). */
export function unknownSelectedProperty(type: string, select: string | null): string | undefined {
  const declared = declaredNames(type);
  if (select === null || declared === undefined) return undefined;
  return select
    .split(",")
    .map((name) => name.trim())
    .find((name) => !declared.all.has(name.toLowerCase()));
}

interface DeclaredNames {
  /** Lower-cased name → Graph's spelling, of the type's structural properties. */
  readonly properties: ReadonlyMap<string, string>;
  /** Every property and navigation property, lower-cased. */
  readonly all: ReadonlySet<string>;
}

const declaredByType = new Map<string, DeclaredNames | undefined>();

/** `type`'s names from Graph's metadata, split and lower-cased once (every read asks). */
function declaredNames(type: string): DeclaredNames | undefined {
  if (declaredByType.has(type)) return declaredByType.get(type);
  const declared = GRAPH_PROPERTY_NAMES[type];
  const names =
    declared === undefined
      ? undefined
      : {
          properties: new Map(declared.properties.split(" ").map((name) => [name.toLowerCase(), name])),
          all: new Set(
            `${declared.properties} ${declared.navigation}`.split(" ").map((name) => name.toLowerCase()),
          ),
        };
  declaredByType.set(type, names);
  return names;
}

/** `applications`, or `applications(id,appId)` with a `$select`: Graph repeats the selection as asked. */
export function contextFragment(context: string, select: string | null): string {
  return select === null || select.trim() === "" ? context : `${context}(${select})`;
}

function unquote(text: string): string {
  return text.replaceAll("''", "'");
}
