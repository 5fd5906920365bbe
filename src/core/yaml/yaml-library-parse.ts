import { isAlias, isMap, parseDocument, YAMLError } from "yaml";
import { createLocator, deferLocator } from "./positions.js";
import {
  type AliasProblem,
  checkYamlDocument,
  MAX_ALIAS_COUNT,
  MAX_ALIAS_VALUES,
} from "./yaml-document-checks.js";
import { indexYamlDocument } from "./yaml-document-index.js";
import { type ParseResult, parseInstanceYamlFast } from "./yaml-parse.js";

export { MAX_ALIAS_COUNT } from "./yaml-document-checks.js";

/**
 * YAML 1.2 core schema, keys read as strings, and no YAML 1.1 extras (`!!binary`,
 * `!!timestamp`, …), so that a value is a string, number, boolean, null, list or mapping. Keys
 * must be unique, but `checkYamlDocument` checks that in linear time: the library's own check
 * (`uniqueKeys`) compares each key with every earlier one.
 */
export const YAML_OPTIONS = {
  uniqueKeys: false,
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
  // However many there are: validation keeps the first few of each file and counts the rest.
  return problems.filter((problem) => problem === firstSyntax || independent.has(problem.code));
}

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
  const lines = createLocator(text, () => []);
  const at = (offset: number) => ({
    file,
    path: "",
    severity: "error" as const,
    ...lines.positionOf(offset),
  });

  const checks = checkYamlDocument(document);
  const duplicates = checks.duplicateKeyOffsets.map(
    (offset) =>
      new YAMLError("YAMLParseError", [offset, offset + 1], "DUPLICATE_KEY", "Map keys must be unique"),
  );
  // In document order, as the library's own check reported them among its errors.
  const errors = [...document.errors, ...duplicates].sort((a, b) => a.pos[0] - b.pos[0]);
  const problems = selectProblems([...errors, ...document.warnings]);
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
  const aliasProblem = checks.aliasProblem;
  if (aliasProblem !== undefined) {
    return {
      ok: false,
      diagnostics: [{ ...at(aliasProblem.offset), ...describeAliasProblem(aliasProblem) }],
    };
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
  // Aliases are checked and bounded above; the library's own count walks the document per alias.
  const data: unknown = document.toJS({ maxAliasCount: -1 });
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

function describeAliasProblem(problem: AliasProblem): { code: string; message: string; hint: string } {
  switch (problem.kind) {
    case "unresolved":
      return {
        code: "yaml.unresolved-alias",
        message: `the alias *${problem.name} names no anchor defined before it`,
        hint: `define &${problem.name} earlier in the file, or write the value out`,
      };
    case "cycle":
      return {
        code: "yaml.alias-cycle",
        message: `the alias *${problem.name} is inside the value it refers to, which makes an endless value`,
        hint: "write the value out instead of referring to itself",
      };
    case "limit":
      return {
        code: "yaml.alias-limit",
        message: `the file has more than ${MAX_ALIAS_COUNT} aliases, or its aliases expand to more than ${MAX_ALIAS_VALUES} values`,
        hint: "write the values out, or use fewer nested aliases; this limit stops alias bombs",
      };
  }
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
