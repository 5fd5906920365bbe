import { closest, distance } from "fastest-levenshtein";
import { toPointer } from "../yaml/positions.js";
import { findPropertyHomes, parentSchemaPath, schemaNodeAt } from "./schema-errors-lookup.js";
import type { SchemaError, Translation } from "./schema-errors-types.js";
import { dotted } from "./schema-errors-values.js";

/** A missing key, pointed at the mapping that lacks it, with what the schema says of the key. */
export function translateRequired(error: SchemaError, pointer: string): Translation {
  const missing = String(error.params.missingProperty);
  const parent = pointer === "" ? "the file" : `\`${dotted(pointer)}\``;
  if (error.schemaPath.includes("/then/")) {
    return {
      pointer,
      anchor: "key",
      code: "schema.sandbox-of-required",
      message: "a sandbox instance must name its primary in `sandboxOf`",
      hint: "add `sandboxOf: <metadata.name of the primary>`, or set `environment: primary` if this is the live account",
    };
  }
  const property = schemaNodeAt(parentSchemaPath(error.schemaPath))?.properties?.[missing];
  const example = property?.examples?.[0];
  const exampleText =
    example === undefined || typeof example === "object" ? "" : `, e.g. \`${missing}: ${String(example)}\``;
  return {
    pointer,
    anchor: "key",
    missing,
    code: "schema.required",
    message: `${parent} lacks the required key \`${missing}\``,
    hint: `add \`${missing}\`${exampleText}${property?.description === undefined ? "" : ` (${property.description})`}`,
  };
}

/** An unknown key, pointed at the key itself, with a "did you mean" or where the key belongs. */
export function translateUnknownKey(error: SchemaError, pointer: string): Translation {
  const key = String(error.params.additionalProperty);
  const known = Object.keys(schemaNodeAt(parentSchemaPath(error.schemaPath))?.properties ?? {});
  const where = pointer === "" ? "at the top level" : `in \`${dotted(pointer)}\``;
  const suggestion = nearestKey(key, known);
  return {
    pointer: `${pointer}${toPointer([key])}`,
    anchor: "key",
    code: "schema.unknown-key",
    message: `\`${key}\` is not a known key ${where}`,
    hint: suggestion === undefined ? placeKey(key, known, pointer) : `did you mean \`${suggestion}\`?`,
    ...(suggestion === undefined ? {} : { suggestion }),
  };
}

/** The known key `key` is probably a typo of: same letters in another case, or a few edits away. */
function nearestKey(key: string, known: readonly string[]): string | undefined {
  const caseMatch = known.find((candidate) => candidate.toLowerCase() === key.toLowerCase());
  if (caseMatch !== undefined) return caseMatch;
  const nearest = known.length > 0 ? closest(key, [...known]) : undefined;
  if (nearest !== undefined && distance(key, nearest) <= Math.max(2, Math.floor(nearest.length / 3)))
    return nearest;
  return undefined;
}

/** A key that is no typo: maybe it belongs elsewhere; else list what is allowed here. */
function placeKey(key: string, known: readonly string[], pointer: string): string {
  const here = dotted(pointer);
  const homes = findPropertyHomes(key).filter((home) => home.slice(0, home.lastIndexOf(".")) !== here);
  if (homes.length > 0)
    return `\`${key}\` belongs under \`${homes[0]?.slice(0, homes[0].lastIndexOf(".")) || "the top level"}\``;
  return `known keys here: ${known.map((name) => `\`${name}\``).join(", ")}`;
}

/** `redirectUri:` is one mistake, not also a missing `redirectUris`: keep only the "did you mean". */
export function dropTyposOfMissingKeys(translations: readonly Translation[]): Translation[] {
  const typos = new Set<string>();
  for (const { suggestion, pointer } of translations) {
    if (suggestion !== undefined) typos.add(`${pointer.slice(0, pointer.lastIndexOf("/"))}|${suggestion}`);
  }
  return translations.filter(
    ({ missing, pointer }) => missing === undefined || !typos.has(`${pointer}|${missing}`),
  );
}
