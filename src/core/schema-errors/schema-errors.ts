import { closest, distance } from "fastest-levenshtein";
import { describeRedirectUri, redirectSchemeProblem } from "../rules/redirect-uri.js";
import type { Finding } from "../rules/rule.js";
import { parsePointer, toPointer } from "../yaml/positions.js";
import { explainPattern } from "./schema-errors-fields.js";
import { dropTyposOfMissingKeys, translateRequired, translateUnknownKey } from "./schema-errors-keys.js";
import { parentSchemaPath, schemaNodeAt } from "./schema-errors-lookup.js";
import type { SchemaError, Translation } from "./schema-errors-types.js";
import { describeFound, dotted, quote } from "./schema-errors-values.js";

export type { SchemaError } from "./schema-errors-types.js";

/**
 * Keywords whose errors say the same thing twice or only summarise others. `propertyNames` lists
 * the allowed keys for editors (schemas/partner-instance.schema.json); `additionalProperties`
 * says it better here, with a "did you mean".
 */
const NOISE = new Set(["if", "then", "else", "propertyNames"]);

/**
 * Turns Ajv's errors for one file into findings a person can act on: field names as written in
 * the file, allowed values, "did you mean", what the value should look like. At most one finding
 * per value, the most fundamental one (a wrong type hides a wrong pattern).
 */
export function translateSchemaErrors(
  file: string,
  errors: readonly SchemaError[],
  data: unknown,
): Finding[] {
  const byPointer = new Map<string, { rank: number; translation: Translation }>();
  for (const error of errors) {
    if (isNoise(error) || isUndecidableSandboxRule(error, data)) continue;
    const translation = translateOne(error, data);
    const key = `${translation.pointer}|${translation.anchor ?? "value"}|${translation.missing ?? ""}`;
    const rank = RANK[error.keyword] ?? 9;
    const kept = byPointer.get(key);
    if (kept === undefined || rank < kept.rank) byPointer.set(key, { rank, translation });
  }
  const translations = Array.from(byPointer.values(), ({ translation }) => translation);
  if (translations.length === 0) translations.push(...lastResort(errors, data));
  return dropTyposOfMissingKeys(translations).map(
    ({ suggestion: _suggestion, missing: _missing, ...translation }) => ({
      file,
      severity: "error" as const,
      ...translation,
    }),
  );
}

/**
 * Ajv said no, yet every error was noise: the file must still fail with a message, never pass in
 * silence. (This happens only when the schema's key list for editors and its properties disagree.)
 */
function lastResort(errors: readonly SchemaError[], data: unknown): Translation[] {
  const decidable = errors.filter((error) => !isUndecidableSandboxRule(error, data));
  const first = decidable.find((error) => typeof error.params.propertyName === "string") ?? decidable[0];
  if (first === undefined) return [];
  const key = first.params.propertyName;
  if (typeof key === "string") {
    const where = first.instancePath === "" ? "at the top level" : `in \`${dotted(first.instancePath)}\``;
    return [
      {
        pointer: `${first.instancePath}${toPointer([key])}`,
        anchor: "key",
        code: "schema.invalid",
        message: `\`${key}\` is not allowed ${where}`,
        hint: "check the key's spelling against docs/instance-yaml.md",
      },
    ];
  }
  return [{ pointer: first.instancePath, code: "schema.invalid", message: first.message ?? "is invalid" }];
}

const RANK: Readonly<Record<string, number>> = {
  type: 0,
  const: 1,
  enum: 1,
  required: 1,
  additionalProperties: 1,
  pattern: 2,
  minLength: 3,
  maxLength: 3,
};

function isNoise(error: SchemaError): boolean {
  return NOISE.has(error.keyword) || error.schemaPath.includes("/propertyNames/");
}

/** The sandbox/primary condition means nothing until `environment` itself is valid. */
function isUndecidableSandboxRule(error: SchemaError, data: unknown): boolean {
  if (!error.schemaPath.includes("/else/") && !error.schemaPath.includes("/then/")) return false;
  const environment = valueAt(data, "/spec/environment");
  return environment !== "primary" && environment !== "sandbox";
}

function translateOne(error: SchemaError, data: unknown): Translation {
  const pointer = error.instancePath;
  const value = valueAt(data, pointer);
  const field = `\`${dotted(pointer)}\``;
  const node = schemaNodeAt(parentSchemaPath(error.schemaPath));
  const about = node?.description;
  switch (error.keyword) {
    case "required":
      return translateRequired(error, pointer);
    case "additionalProperties":
      return translateUnknownKey(error, pointer);
    case "false schema":
      if (error.schemaPath.endsWith("/then/properties/sandboxOf/false schema")) {
        return {
          pointer,
          code: "schema.sandbox-of-forbidden",
          message: "a primary instance cannot have `sandboxOf`: only a sandbox names its primary",
          hint: "delete `sandboxOf`, or set `environment: sandbox` if this is the integration sandbox",
        };
      }
      break;
    case "type":
      return {
        pointer,
        code: "schema.type",
        message: `${field} must be ${article(String(error.params.type))}, found ${describeFound(value)}`,
        ...hintFor(typeHint(String(error.params.type), value, pointer)),
      };
    case "enum":
      return translateEnum(pointer, value, (error.params.allowedValues as readonly unknown[]) ?? []);
    case "const":
      return {
        pointer,
        code: "schema.const",
        message: `${field} must be ${quote(error.params.allowedValue)}, found ${describeFound(value)}`,
        hint: `write \`${parsePointer(pointer).at(-1)}: ${String(error.params.allowedValue)}\``,
      };
    case "pattern":
      return translatePattern(error, pointer, value);
    case "minimum":
    case "maximum":
    case "exclusiveMinimum":
    case "exclusiveMaximum":
      return {
        pointer,
        code: "schema.range",
        message: `${field} must be ${rangeWords(error.keyword)} ${String(error.params.limit)}, found ${describeFound(value)}`,
        ...hintFor(about),
      };
    case "minLength":
    case "maxLength":
      return translateLength(error, pointer, value);
    case "minItems":
    case "maxItems": {
      const limit = Number(error.params.limit);
      const words = error.keyword === "minItems" ? "at least" : "at most";
      return {
        pointer,
        code: "schema.item-count",
        message: `${field} must have ${words} ${limit} item${limit === 1 ? "" : "s"}, found ${Array.isArray(value) ? value.length : 0}`,
        ...hintFor(about),
      };
    }
    case "uniqueItems":
      return translateUniqueItems(error, pointer, value);
  }
  return {
    pointer,
    code: "schema.invalid",
    message: `${field} ${error.message ?? "is invalid"}`,
    ...hintFor(about),
  };
}

function translateEnum(pointer: string, value: unknown, allowed: readonly unknown[]): Translation {
  if (pointer === "/spec/cloud" && typeof value === "string" && /german|deutsch/i.test(value)) {
    return {
      pointer,
      code: "cloud.germany-retired",
      message:
        "Microsoft Cloud Deutschland closed on 2021-10-29; its partners and customers moved to the global cloud",
      hint: "set `cloud: global` (German customers are served from the global cloud's German regions)",
    };
  }
  const choices = allowed.map((choice) => quote(choice)).join(", ");
  const strings = allowed.filter((choice): choice is string => typeof choice === "string");
  const nearest =
    typeof value === "string" && strings.length > 0 ? closest(value.toLowerCase(), strings) : undefined;
  const close =
    nearest !== undefined && typeof value === "string" && distance(value.toLowerCase(), nearest) <= 3;
  return {
    pointer,
    code: "schema.enum",
    message: `\`${dotted(pointer)}\` must be one of ${choices}, found ${describeFound(value)}`,
    ...hintFor(close ? `did you mean ${quote(nearest)}?` : schemaDescription(pointer)),
  };
}

function translatePattern(error: SchemaError, pointer: string, value: unknown): Translation {
  const redirectProblem =
    REDIRECT_URI.test(pointer) && typeof value === "string"
      ? redirectSchemeProblem(describeRedirectUri(value))
      : undefined;
  if (redirectProblem !== undefined) return { pointer, ...redirectProblem };
  const property = propertyName(error.schemaPath);
  const explanation = property === undefined ? undefined : explainPattern(property);
  const field = `\`${dotted(pointer)}\``;
  if (explanation === undefined) {
    return {
      pointer,
      code: "schema.pattern",
      message: `${field} does not have the expected form, found ${describeFound(value)}`,
    };
  }
  const suggestion = typeof value === "string" ? explanation.suggest?.(value) : undefined;
  return {
    pointer,
    code: "schema.pattern",
    message: `${field} must be ${explanation.expected}, found ${describeFound(value)}`,
    hint:
      suggestion === undefined ? explanation.hint : `did you mean ${quote(suggestion)}? ${explanation.hint}`,
  };
}

const REDIRECT_URI = /^\/spec\/app\/redirectUris\/\d+$/;

function translateLength(error: SchemaError, pointer: string, value: unknown): Translation {
  const limit = Number(error.params.limit);
  const length = typeof value === "string" ? Array.from(value).length : 0;
  if (error.keyword === "maxLength" && REDIRECT_URI.test(pointer)) {
    return {
      pointer,
      code: "redirect.too-long",
      message: `redirect URI is ${length} characters long; Microsoft Entra accepts at most ${limit}`,
      hint: "shorten the path of the BSS callback URL",
    };
  }
  const words = error.keyword === "minLength" ? "at least" : "at most";
  return {
    pointer,
    code: "schema.length",
    message: `\`${dotted(pointer)}\` must be ${words} ${limit} character${limit === 1 ? "" : "s"} long, found ${length}`,
    ...hintFor(schemaDescription(pointer)),
  };
}

function translateUniqueItems(error: SchemaError, pointer: string, value: unknown): Translation {
  const later = Math.max(Number(error.params.i), Number(error.params.j));
  const earlier = Math.min(Number(error.params.i), Number(error.params.j));
  const repeated = Array.isArray(value) ? value[later] : undefined;
  const isRedirect = pointer === "/spec/app/redirectUris";
  return {
    pointer: `${pointer}/${later}`,
    code: isRedirect ? "redirect.duplicate" : "schema.unique-items",
    message: `${quote(repeated)} appears twice in \`${dotted(pointer)}\` (items ${earlier + 1} and ${later + 1})`,
    hint: "delete the repeated item",
  };
}

function typeHint(expected: string, value: unknown, pointer: string): string | undefined {
  const key = parsePointer(pointer).at(-1) ?? "";
  if (expected === "string" && (typeof value === "number" || typeof value === "boolean")) {
    return `quote it: \`${key}: "${String(value)}"\` (YAML reads ${String(value)} as a ${typeof value})`;
  }
  if (
    (expected === "integer" || expected === "number") &&
    typeof value === "string" &&
    /^\s*-?\d+\s*$/.test(value)
  ) {
    return `remove the quotes: \`${key}: ${value.trim()}\``;
  }
  if (expected === "boolean" && typeof value === "string")
    return `write \`${key}: true\` or \`${key}: false\`, without quotes`;
  if (expected === "array" && typeof value === "string")
    return `write a list: \`${key}: [${value}]\` or one \`- item\` per line`;
  if (expected === "object" && value === null)
    return `\`${key}:\` has no value; indent its keys below it, or delete it`;
  return schemaDescription(pointer);
}

/** The description of the schema property at an instance pointer, for hints. */
function schemaDescription(pointer: string): string | undefined {
  let node = schemaNodeAt("#");
  for (const segment of parsePointer(pointer)) {
    node = /^\d+$/.test(segment) ? node?.items : node?.properties?.[segment];
  }
  return node?.description;
}

function propertyName(schemaPath: string): string | undefined {
  const match = /\/properties\/([^/]+)(?:\/items)?\/[^/]+$/.exec(schemaPath);
  return match?.[1];
}

function rangeWords(keyword: string): string {
  return (
    { minimum: "at least", maximum: "at most", exclusiveMinimum: "more than", exclusiveMaximum: "less than" }[
      keyword
    ] ?? keyword
  );
}

function article(type: string): string {
  const label = { object: "mapping (keys and values)", array: "list" }[type] ?? type;
  return `${/^[aeiou]/.test(label) ? "an" : "a"} ${label}`;
}

function hintFor(hint: string | undefined): { hint?: string } {
  return hint === undefined ? {} : { hint };
}

function valueAt(data: unknown, pointer: string): unknown {
  let value = data;
  for (const segment of parsePointer(pointer)) {
    if (typeof value !== "object" || value === null) return undefined;
    value = (value as Record<string, unknown>)[segment];
  }
  return value;
}
