// Microsoft Graph's metadata for what the observer reads (test/fixtures/graph-metadata.json, made by
// scripts/extract-graph-metadata.mjs), and the check of one object against one of its types: every
// property exists, has the declared primitive, enum, complex or collection type, is not null when
// non-nullable, and is present when Graph must send it.
import { readFileSync } from "node:fs";
import { join } from "node:path";

export type GraphVersion = "v1.0" | "beta";

interface PropertyMetadata {
  readonly type: string;
  readonly nullable: boolean;
}

interface TypeMetadata {
  readonly kind: "entity" | "complex";
  readonly baseType?: string;
  readonly abstract?: boolean;
  readonly alternateKeys?: readonly string[];
  readonly properties: Readonly<Record<string, PropertyMetadata>>;
  readonly navigationProperties: Readonly<Record<string, { type: string; containsTarget?: boolean }>>;
}

export interface VersionMetadata {
  readonly entitySets: Readonly<Record<string, { type: string; bindings: Readonly<Record<string, string>> }>>;
  readonly singletons: Readonly<Record<string, { type: string }>>;
  readonly types: Readonly<Record<string, TypeMetadata>>;
  readonly enums: Readonly<Record<string, { isFlags: boolean; members: readonly string[] }>>;
}

export interface GraphMetadataFixture {
  readonly source: Readonly<Record<GraphVersion, Readonly<Record<string, string>>>>;
  readonly "v1.0": VersionMetadata;
  readonly beta: VersionMetadata;
}

const fixturePath = join(import.meta.dirname, "../fixtures/graph-metadata.json");

export function readGraphMetadata(): GraphMetadataFixture {
  return JSON.parse(readFileSync(fixturePath, "utf8")) as GraphMetadataFixture;
}

/** How much of an object Graph must send. */
export interface ObjectCheck {
  /** Properties a `$select` asked for: each must be present (null allowed if nullable). */
  readonly selected?: readonly string[] | undefined;
  /**
   * Without a `$select`: whether every non-nullable property must be present. True for complex
   * values (they come whole) and for entities outside the directory; directory objects (users,
   * groups, apps…) come with Graph's default property set, which leaves some out.
   */
  readonly complete?: boolean;
}

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
/** ISO 8601 with a time zone (`Z` or `±hh:mm`), as OData's Edm.DateTimeOffset requires; Graph sends up to 7 decimals. */
const DATE_TIME_OFFSET =
  /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2})(\.\d{1,7})?)?(Z|[+-](\d{2}):(\d{2}))$/;
const DURATION = /^-?P(?:\d+D)?(?:T(?:\d+H)?(?:\d+M)?(?:\d+(?:\.\d+)?S)?)?$/;
const BASE64 = /^[A-Za-z0-9+/_-]*={0,2}$/;
const EXTENSION_PROPERTY = /^extension_[0-9a-f]{32}_\w+$/;

export function isDateTimeOffset(text: string): boolean {
  const match = DATE_TIME_OFFSET.exec(text);
  if (match === null) return false;
  const [, year, month, day, hour, minute, second = "0", , , offsetHours = "0", offsetMinutes = "0"] = match;
  const date = new Date(Date.UTC(Number(year), Number(month) - 1, Number(day)));
  return (
    date.getUTCMonth() === Number(month) - 1 &&
    date.getUTCDate() === Number(day) &&
    Number(hour) < 24 &&
    Number(minute) < 60 &&
    Number(second) < 60 &&
    Number(offsetHours) < 24 &&
    Number(offsetMinutes) < 60
  );
}

export function createTypeChecker(metadata: VersionMetadata, version: GraphVersion) {
  const typeOf = (name: string): TypeMetadata | undefined => metadata.types[name];

  /** The type and its base types, most derived first. */
  function lineage(name: string): string[] {
    const chain: string[] = [];
    for (let current: string | undefined = name; current !== undefined; current = typeOf(current)?.baseType) {
      chain.push(current);
    }
    return chain;
  }

  function property(typeName: string, name: string): PropertyMetadata | undefined {
    for (const type of lineage(typeName)) {
      const found = typeOf(type)?.properties[name];
      if (found !== undefined) return found;
    }
    return undefined;
  }

  function navigation(typeName: string, name: string) {
    for (const type of lineage(typeName)) {
      const found = typeOf(type)?.navigationProperties[name];
      if (found !== undefined) return found;
    }
    return undefined;
  }

  function allProperties(typeName: string): [string, PropertyMetadata][] {
    return lineage(typeName)
      .reverse()
      .flatMap((type) => Object.entries(typeOf(type)?.properties ?? {}));
  }

  const derivesFrom = (name: string, base: string) => lineage(name).includes(base);

  /** Problems with `value` as an instance of `typeName`; `where` prefixes each message. */
  function checkObject(typeName: string, value: unknown, where: string, check: ObjectCheck = {}): string[] {
    if (value === null || typeof value !== "object" || Array.isArray(value)) {
      return [`${where}: expected a ${short(typeName)} object, got ${JSON.stringify(value)}`];
    }
    const object = value as Record<string, unknown>;
    const problems: string[] = [];
    let actual = typeName;
    const odataType = object["@odata.type"];
    if (odataType !== undefined) {
      const named = typeof odataType === "string" ? odataType.replace(/^#/, "") : "";
      if (typeOf(named) === undefined || !derivesFrom(named, typeName)) {
        problems.push(`${where}: @odata.type ${JSON.stringify(odataType)} is not a ${short(typeName)}`);
      } else actual = named;
    }
    if (typeOf(actual) === undefined)
      return [...problems, `${where}: ${actual} is not in the metadata fixture`];
    for (const [key, item] of Object.entries(object)) {
      if (key.startsWith("@odata.")) {
        if (!["@odata.type", "@odata.id", "@odata.etag"].includes(key))
          problems.push(`${where}: annotation ${key} is not one Graph sends on an object`);
        continue;
      }
      // Instance annotations (`@microsoft.graph.tips`) and property annotations (`x@odata.context`).
      if (key.includes("@")) continue;
      const declared = property(actual, key);
      if (declared !== undefined) {
        problems.push(...checkValue(declared.type, declared.nullable, item, `${where}.${key}`));
        continue;
      }
      // Graph expands a few navigations by itself, announced by their own context (authenticationStrength).
      const expanded = `${key}@odata.context` in object;
      if (navigation(actual, key) !== undefined && !expanded) {
        problems.push(
          `${where}: ${key} is a navigation property of ${short(actual)}, not a value (Graph sends it only with $expand)`,
        );
      } else if (navigation(actual, key) === undefined && !EXTENSION_PROPERTY.test(key)) {
        problems.push(`${where}: ${short(actual)} has no property ${key} in ${version}`);
      }
    }
    const required =
      check.selected !== undefined
        ? check.selected.filter((name) => property(actual, name) !== undefined)
        : check.complete === true
          ? allProperties(actual)
              .filter(([, declared]) => !declared.nullable && declared.type !== "Edm.Stream")
              .map(([name]) => name)
          : [];
    for (const name of required) {
      if (!(name in object))
        problems.push(`${where}: ${short(actual)}.${name} is missing (Graph always sends it here)`);
    }
    return problems;
  }

  function checkValue(type: string, nullable: boolean, value: unknown, where: string): string[] {
    if (value === null) return nullable ? [] : [`${where}: null, but the property is not nullable`];
    const collection = /^Collection\((.+)\)$/.exec(type)?.[1];
    if (collection !== undefined) {
      if (!Array.isArray(value)) return [`${where}: expected an array of ${short(collection)}`];
      return value.flatMap((item, index) => checkValue(collection, false, item, `${where}[${index}]`));
    }
    const enumType = metadata.enums[type];
    if (enumType !== undefined) {
      const members = typeof value === "string" ? (enumType.isFlags ? value.split(",") : [value]) : [];
      const unknown = members.filter((member) => !enumType.members.includes(member.trim()));
      return typeof value === "string" && unknown.length === 0
        ? []
        : [`${where}: ${JSON.stringify(value)} is not a ${short(type)} (${enumType.members.join(", ")})`];
    }
    if (!type.startsWith("Edm.")) {
      const declared = typeOf(type);
      if (declared === undefined) return [`${where}: ${type} is not in the metadata fixture`];
      return checkObject(type, value, where, { complete: true });
    }
    return primitiveMatches(type, value) ? [] : [`${where}: ${JSON.stringify(value)} is not an ${type}`];
  }

  return { checkObject, checkValue, property, navigation, typeOf, lineage, derivesFrom };
}

export type TypeChecker = ReturnType<typeof createTypeChecker>;

function primitiveMatches(type: string, value: unknown): boolean {
  switch (type) {
    case "Edm.String":
      return typeof value === "string";
    case "Edm.Boolean":
      return typeof value === "boolean";
    case "Edm.Byte":
    case "Edm.Int16":
    case "Edm.Int32":
    case "Edm.Int64":
      return Number.isInteger(value);
    case "Edm.Double":
    case "Edm.Single":
    case "Edm.Decimal":
      return typeof value === "number" || value === "INF" || value === "-INF" || value === "NaN";
    case "Edm.Guid":
      return typeof value === "string" && GUID.test(value);
    case "Edm.DateTimeOffset":
      return typeof value === "string" && isDateTimeOffset(value);
    case "Edm.Date":
      return typeof value === "string" && /^\d{4}-\d{2}-\d{2}$/.test(value);
    case "Edm.TimeOfDay":
      return typeof value === "string" && /^\d{2}:\d{2}(:\d{2}(\.\d{1,7})?)?$/.test(value);
    case "Edm.Duration":
      return typeof value === "string" && DURATION.test(value);
    case "Edm.Binary":
      return typeof value === "string" && BASE64.test(value);
    default:
      return false;
  }
}

/** `microsoft.graph.user` → `user`, for messages. */
export function short(type: string): string {
  return type.replace(/^microsoft\.graph\./, "");
}
