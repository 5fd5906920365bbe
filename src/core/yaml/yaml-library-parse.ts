import { type Document, isAlias, isMap, parseDocument, visit, type YAMLError } from "yaml";
import { createLocator, deferLocator, positionInText } from "./positions.js";
import { indexYamlDocument } from "./yaml-document-index.js";
import { type ParseResult, parseInstanceYamlFast } from "./yaml-parse.js";

/** Deeper than any alias use an instance file needs, far below what makes `toJS` expensive. */
export const MAX_ALIAS_COUNT = 100;

/**
 * YAML 1.2 core schema, unique keys, keys read as strings, and no YAML 1.1 extras (`!!binary`,
 * `!!timestamp`, …), so that a value is a string, number, boolean, null, list or mapping.
 */
export const YAML_OPTIONS = {
  uniqueKeys: true,
  prettyErrors: false,
  resolveKnownTags: false,
  stringKeys: true,
} as const;

/**
 * After the first syntax error the parser is lost and what follows are echoes of it, so only that
 * one is reported; duplicate keys and unknown tags are independent and all reported (a few).
 */
function selectProblems(problems: readonly YAMLError[]): YAMLError[] {
  const independent = new Set(["DUPLICATE_KEY", "TAG_RESOLVE_FAILED"]);
  const firstSyntax = problems.find((problem) => !independent.has(problem.code));
  return problems
    .filter((problem) => problem === firstSyntax || independent.has(problem.code))
    .slice(0, MAX_YAML_DIAGNOSTICS);
}

const MAX_YAML_DIAGNOSTICS = 10;

/**
 * The library reports an unclosed `[` or `{` where it expected the bracket (often the next line);
 * the person needs to see the bracket that was left open.
 */
function problemOffset(text: string, problem: YAMLError): number {
  const offset = problem.pos[0];
  const closer = /end with an? ([\]}])/.exec(problem.message)?.[1];
  if (closer === undefined) return offset;
  const opener = closer === "]" ? "[" : "{";
  let depth = 0;
  for (let index = Math.min(offset, text.length) - 1; index >= 0; index--) {
    const char = text[index];
    if (char === closer) depth++;
    else if (char === opener && depth-- === 0) return index;
  }
  return offset;
}

/**
 * Parses one decoded instance file with the `yaml` library: everything the fast path declines
 * (anchors, tags, …), every syntax error, reported at its line, and every file with something to
 * report, for the positions of its values.
 */
export function parseInstanceYamlWithLibrary(file: string, text: string): ParseResult {
  const document = parseDocument(text, YAML_OPTIONS);
  // Positions come from the text itself: the parser's LineCounter misses some line breaks in
  // badly broken input.
  const at = (offset: number) => ({
    file,
    path: "",
    severity: "error" as const,
    ...positionInText(text, offset),
  });

  const problems = selectProblems([...document.errors, ...document.warnings]);
  if (problems.length > 0) {
    return {
      ok: false,
      diagnostics: problems.map((error) => ({
        ...at(problemOffset(text, error)),
        ...describeYamlError(error),
      })),
    };
  }
  if (document.contents === null || isEmptyScalar(document.contents)) {
    return {
      ok: false,
      diagnostics: [
        {
          ...at(0),
          line: 1,
          column: 1,
          code: "file.empty",
          message: "the file declares nothing",
          hint: "write a partner instance (see instances/contoso-primary.yaml), or delete the file",
        },
      ],
    };
  }
  const badAlias = findBadAlias(document);
  if (badAlias !== undefined) {
    const { name, offset, kind } = badAlias;
    const diagnostic =
      kind === "unresolved"
        ? {
            code: "yaml.unresolved-alias",
            message: `the alias *${name} names no anchor defined before it`,
            hint: `define &${name} earlier in the file, or write the value out`,
          }
        : {
            code: "yaml.alias-cycle",
            message: `the alias *${name} is inside the value it refers to, which makes an endless value`,
            hint: "write the value out instead of referring to itself",
          };
    return { ok: false, diagnostics: [{ ...at(offset), ...diagnostic }] };
  }
  if (!isMap(document.contents)) {
    return {
      ok: false,
      diagnostics: [
        {
          ...at(document.contents.range[0]),
          code: "file.not-a-mapping",
          message: `the file's top level is ${describeNode(document.contents)}, not a mapping of keys to values`,
          hint: "an instance file starts with `apiVersion: cspops/v1`, `kind: PartnerInstance`, `metadata:` and `spec:`",
        },
      ],
    };
  }
  let data: unknown;
  try {
    data = document.toJS({ maxAliasCount: MAX_ALIAS_COUNT });
  } catch {
    // The only way toJS fails once aliases resolve is the expansion limit (a "billion laughs").
    return {
      ok: false,
      diagnostics: [
        {
          ...at(firstAliasOffset(document)),
          code: "yaml.alias-limit",
          message: `aliases expand to more than ${MAX_ALIAS_COUNT} copies of their anchors`,
          hint: "write the values out, or use fewer nested aliases; this limit stops alias bombs",
        },
      ],
    };
  }
  const entries = indexYamlDocument(document);
  const locator = createLocator(text, () => entries);
  return { ok: true, parsed: { file, text, locator, data: data as Record<string, unknown> } };
}

function describeYamlError(error: YAMLError): { code: string; message: string; hint?: string } {
  // Without prettyErrors most messages carry no position, but a few append "at line …": drop it.
  const message = error.message.split(" at line ")[0]?.trim() ?? error.message;
  switch (error.code) {
    case "DUPLICATE_KEY":
      return {
        code: "yaml.duplicate-key",
        message: "this key appears twice in the same mapping",
        hint: "keep one of them; YAML would otherwise silently use only one value",
      };
    case "MULTIPLE_DOCS":
      return {
        code: "yaml.multiple-documents",
        message: "the file holds more than one YAML document (a second `---`)",
        hint: "declare one partner instance per file",
      };
    case "TAG_RESOLVE_FAILED":
      return {
        code: "yaml.tag",
        message: lowerFirst(message.replace(/\.$/, "")),
        hint: "remove the tag: instance files use plain strings, numbers, booleans, lists and mappings",
      };
    case "TAB_AS_INDENT":
      return { code: "yaml.syntax", message: "a tab is used for indentation", hint: "indent with spaces" };
    default:
      return {
        code: "yaml.syntax",
        message: lowerFirst(message),
        hint: "fix the YAML syntax here; quote values that contain `: `, ` #` or start with a special character",
      };
  }
}

function lowerFirst(text: string): string {
  return text.length === 0 ? text : text[0]?.toLowerCase() + text.slice(1);
}

function isEmptyScalar(node: unknown): boolean {
  return (
    typeof node === "object" && node !== null && "value" in node && node.value === null && !isAlias(node)
  );
}

function describeNode(node: unknown): string {
  if (isAlias(node)) return "an alias";
  if (typeof node === "object" && node !== null && "items" in node) return "a list";
  return "a single value";
}

/** An alias that names no anchor, or one inside its own anchor (a cycle no JSON value can hold). */
function findBadAlias(
  document: Document.Parsed,
): { name: string; offset: number; kind: "unresolved" | "cycle" } | undefined {
  let found: { name: string; offset: number; kind: "unresolved" | "cycle" } | undefined;
  visit(document, {
    Alias(_key, alias) {
      const target = alias.resolve(document);
      const offset = alias.range?.[0] ?? 0;
      const targetRange = target?.range;
      if (target === undefined) found = { name: alias.source, offset, kind: "unresolved" };
      else if (targetRange && targetRange[0] <= offset && offset < targetRange[2]) {
        found = { name: alias.source, offset, kind: "cycle" };
      }
      return found === undefined ? undefined : visit.BREAK;
    },
  });
  return found;
}

function firstAliasOffset(document: Document.Parsed): number {
  let offset = 0;
  visit(document, {
    Alias(_key, alias) {
      offset = alias.range?.[0] ?? 0;
      return visit.BREAK;
    },
  });
  return offset;
}

/**
 * Parses one decoded instance file: the data from the fast path when it can, with positions from
 * the `yaml` library on first use; else the library alone.
 */
export function parseInstanceYaml(file: string, text: string): ParseResult {
  const fast = parseInstanceYamlFast(file, text);
  if (fast === undefined) return parseInstanceYamlWithLibrary(file, text);
  const locator = deferLocator(() => {
    const parsed = parseInstanceYamlWithLibrary(file, text);
    return parsed.ok ? parsed.parsed.locator : createLocator("", () => []);
  });
  return { ok: true, parsed: { ...fast, locator } };
}
