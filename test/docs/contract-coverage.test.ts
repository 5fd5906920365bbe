import { readdirSync, readFileSync, statSync } from "node:fs";
import { join, relative } from "node:path";
import type { Command, Option } from "commander";
import { describe, expect, it } from "vitest";
import { buildProgram } from "../../src/cli/program.js";
import { DIAGNOSTIC_CODES } from "../../src/core/diagnostics/diagnostic-codes.js";
import { RECONCILE_STATUSES } from "../../src/core/reconcile/report.js";
import { ROOT } from "../support/run-cli.js";

/**
 * docs/ describes the contracts in words; this test derives each contract's vocabulary from the
 * code (the diagnostic table, the planner's finding codes, the commander program, the variables the
 * shell reads, the JSON schemas) and fails when a term is not in the document that owns it. Adding a
 * code, an option, a variable or a property without documenting it turns this red.
 */

// ---------------------------------------------------------------- reading the docs

function doc(name: string): string {
  return readFileSync(join(ROOT, "docs", name), "utf8");
}

/** The text of inline code spans and fenced code blocks: where docs name contract terms. */
function codeText(markdown: string): string {
  const fenced = [...markdown.matchAll(/^```[^\n]*\n([\s\S]*?)^```/gm)].map((match) => match[1] ?? "");
  const withoutFences = markdown.replace(/^```[^\n]*\n[\s\S]*?^```/gm, "");
  const inline = [...withoutFences.matchAll(/(`+)([^`]|[^`][\s\S]*?[^`])\1(?!`)/g)].map(
    (match) => match[2] ?? "",
  );
  return [...fenced, ...inline].join("\n");
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

/**
 * `term` as a whole token (not part of a longer code or name) inside the code of `markdown`. A
 * property name (`segment`) may also end a dotted path: `web.redirectUris` names `redirectUris`.
 */
function namesInCode(markdown: string, term: string, { segment = false } = {}): boolean {
  const before = segment ? "(?<![\\w@$-])" : "(?<![\\w.@$-])";
  return new RegExp(`${before}${escapeRegExp(term)}(?![\\w-])`).test(codeText(markdown));
}

/** The first heading of `markdown` for which `matches` holds and what follows it, up to the next heading of that level or above. */
function section(markdown: string, matches: (heading: string) => boolean): string | undefined {
  const lines = markdown.split("\n");
  const start = lines.findIndex((line) => /^#{1,6} /.test(line) && matches(line.replace(/^#+ /, "")));
  if (start === -1) return undefined;
  const level = /^#+/.exec(lines[start] ?? "")?.[0].length ?? 1;
  const rest = lines.slice(start + 1);
  const end = rest.findIndex((line) => {
    const hashes = /^(#+) /.exec(line)?.[1];
    return hashes !== undefined && hashes.length <= level;
  });
  return [lines[start], ...(end === -1 ? rest : rest.slice(0, end))].join("\n");
}

/** The first-column codes of the Markdown tables in `markdown`: `| \`code\` | …`. */
function tableKeys(markdown: string): Set<string> {
  const keys = [...markdown.matchAll(/^\| `([^`]+)` \|/gm)].map((match) => match[1] ?? "");
  return new Set(keys);
}

// ---------------------------------------------------------------- reading the code

function sourceFiles(folder: string): string[] {
  return readdirSync(join(ROOT, folder)).flatMap((name) => {
    const path = join(folder, name);
    if (name === "generated") return [];
    if (statSync(join(ROOT, path)).isDirectory()) return sourceFiles(path);
    return path.endsWith(".ts") ? [path] : [];
  });
}

function source(path: string): string {
  return readFileSync(join(ROOT, path), "utf8");
}

/** Every `code: "…"` property (and `const CODE = "…"`) in the files under `folders`. */
function codeLiterals(folders: readonly string[]): Map<string, string> {
  const found = new Map<string, string>();
  for (const file of folders.flatMap(sourceFiles)) {
    const text = source(file);
    const properties = text.matchAll(/(?:^|[{,(])\s*code:\s*"([^"]+)"/gm);
    const constants = text.matchAll(/\bconst\s+CODE\s*=\s*"([^"]+)"/g);
    for (const match of [...properties, ...constants]) found.set(match[1] ?? "", file);
  }
  return found;
}

/** The environment variables a file reads: `env.X`, `env["X"]`, and `"X"` literals shaped like variable names. */
function environmentVariables(file: string): string[] {
  const text = source(file);
  const property = [...text.matchAll(/\benv(?:\?\.|\.)([A-Z][A-Z0-9_]*)\b/g)].map((match) => match[1] ?? "");
  const indexed = [...text.matchAll(/\benv\[\s*"([A-Z][A-Z0-9_]*)"\s*\]/g)].map((match) => match[1] ?? "");
  const literals = [...text.matchAll(/"([A-Z][A-Z0-9]*_[A-Z0-9_]+)"/g)].map((match) => match[1] ?? "");
  return [...property, ...indexed, ...literals];
}

interface SchemaNode {
  readonly $ref?: string;
  readonly properties?: Readonly<Record<string, SchemaNode>>;
  readonly additionalProperties?: SchemaNode | boolean;
  readonly items?: SchemaNode;
  readonly enum?: readonly unknown[];
  readonly $defs?: Readonly<Record<string, SchemaNode>>;
}

function loadSchema(name: string): SchemaNode {
  return JSON.parse(readFileSync(join(ROOT, "schemas", name), "utf8")) as SchemaNode;
}

/** Dotted paths of every property, following `items` (and, with `root`, `$ref`s and map values). */
function propertyPaths(node: SchemaNode, root?: SchemaNode, path = "", seen = new Set<string>()): string[] {
  const resolved = resolve(node, root, seen);
  if (resolved === undefined) return [];
  const { node: target, seen: seenHere } = resolved;
  const here = Object.entries(target.properties ?? {}).flatMap(([key, child]) => {
    const childPath = path === "" ? key : `${path}.${key}`;
    return [childPath, ...propertyPaths(child, root, childPath, seenHere)];
  });
  const items = target.items === undefined ? [] : propertyPaths(target.items, root, path, seenHere);
  const values =
    root !== undefined && typeof target.additionalProperties === "object"
      ? propertyPaths(target.additionalProperties, root, path, seenHere)
      : [];
  return [...here, ...items, ...values];
}

function resolve(
  node: SchemaNode,
  root: SchemaNode | undefined,
  seen: Set<string>,
): { node: SchemaNode; seen: Set<string> } | undefined {
  if (node.$ref === undefined || root === undefined) return { node, seen };
  if (seen.has(node.$ref)) return undefined;
  const name = node.$ref.replace(/^#\/\$defs\//, "");
  const target = root.$defs?.[name];
  if (target === undefined) throw new Error(`unresolved $ref ${node.$ref}`);
  return resolve(target, root, new Set([...seen, node.$ref]));
}

function lastSegment(path: string): string {
  return path.split(".").at(-1) ?? path;
}

// ---------------------------------------------------------------- the commander program

function program(): Command {
  const sink = { write: () => true };
  return buildProgram({ stdout: sink, stderr: sink, env: {}, cwd: ROOT }, () => undefined);
}

interface CommandEntry {
  readonly path: string;
  readonly command: Command;
}

function commandsOf(command: Command, prefix = ""): CommandEntry[] {
  return command.commands.flatMap((child) => {
    const path = prefix === "" ? child.name() : `${prefix} ${child.name()}`;
    return [{ path, command: child }, ...commandsOf(child, path)];
  });
}

function longFlag(option: Option): string | undefined {
  return option.long ?? undefined;
}

// ---------------------------------------------------------------- the tests

describe("docs/instance-yaml.md", () => {
  const text = doc("instance-yaml.md");
  const documented = tableKeys(section(text, (heading) => heading === "Diagnostic codes") ?? "");
  const scanned = codeLiterals([
    "src/core/yaml",
    "src/core/schema-errors",
    "src/core/rules",
    "src/core/instance",
    "src/core/diagnostics",
  ]);
  const codes = [...new Set([...Object.keys(DIAGNOSTIC_CODES), ...scanned.keys()])].sort();

  it("finds the diagnostic codes in the code", () => {
    expect(codes).toContain("schema.unknown-key");
    expect(scanned.size).toBeGreaterThan(10);
  });

  it.each(codes)("has diagnostic code %s in its table of diagnostic codes", (code) => {
    expect(documented.has(code)).toBe(true);
  });

  const fields = propertyPaths(loadSchema("partner-instance.schema.json"));

  it("finds the fields of schemas/partner-instance.schema.json", () => {
    expect(fields).toContain("spec.consent.adminAgent");
  });

  it.each(fields)("names the instance field %s", (field) => {
    expect(namesInCode(text, field)).toBe(true);
  });
});

describe("docs/statuses.md", () => {
  const text = doc("statuses.md");
  const statusTable = tableKeys(section(text, (heading) => heading.startsWith("Statuses")) ?? "");
  const findingTable = tableKeys(section(text, (heading) => heading === "Findings") ?? "");
  const findings = [...codeLiterals(["src/core/reconcile", "src/core/consent"]).keys()].sort();

  it("finds the finding codes in the planner", () => {
    expect(findings).toContain("consent.missing");
    expect(findings.length).toBeGreaterThan(20);
  });

  it.each([...RECONCILE_STATUSES])("has status %s in its table of statuses", (status) => {
    expect(statusTable.has(status)).toBe(true);
  });

  it.each(findings)("has finding code %s in its table of findings", (code) => {
    expect(findingTable.has(code)).toBe(true);
  });

  const reportFields = [
    ...new Set(
      propertyPaths(
        loadSchema("reconcile-report.schema.json"),
        loadSchema("reconcile-report.schema.json"),
      ).map(lastSegment),
    ),
  ];

  it.each(reportFields)("names the JSON report's property %s", (property) => {
    const body = section(text, (heading) => heading === "The JSON report") ?? "";
    expect(namesInCode(body, property, { segment: true })).toBe(true);
  });
});

describe("docs/cli.md", () => {
  const text = doc("cli.md");
  const root = program();
  const commands = commandsOf(root);

  it("finds the commands of the program", () => {
    expect(commands.map((entry) => entry.path)).toEqual(expect.arrayContaining(["validate", "reconcile"]));
  });

  it.each(commands.map((entry) => [entry.path, entry] as const))(
    "has a section for `%s` naming each of its long options and their choices",
    (_path, { path, command }) => {
      const heading = new RegExp(`^\`${escapeRegExp(path)}(?=[\\s\`])`);
      const body = section(text, (title) => heading.test(title));
      expect(body, `a heading starting with \`${path}`).toBeDefined();
      const missing = command.options.flatMap((option) => {
        const flag = longFlag(option);
        const terms = [flag, ...(option.argChoices ?? [])].filter((term) => term !== undefined);
        return terms.filter((term) => !namesInCode(`${body ?? ""}`, term)).map((term) => `${flag}: ${term}`);
      });
      expect(missing).toEqual([]);
    },
  );

  it("describes the program's own options under Global options", () => {
    const body = section(text, (heading) => heading === "Global options") ?? "";
    const flags = root.options.map(longFlag).filter((flag) => flag !== undefined);
    expect(flags).toContain("--verbose");
    expect(flags.filter((flag) => !namesInCode(body, flag))).toEqual([]);
  });

  const serviceCodes = codeLiterals(["src/cli", "src/adapters/github", "src/adapters/webhook"]);

  it.each([...serviceCodes.keys()].sort())(
    "explains the error code %s the CLI prints for a failed service",
    (code) => {
      expect(namesInCode(text, code)).toBe(true);
    },
  );
});

describe("environment variables", () => {
  const folders = ["src/cli", "src/adapters", "src/render", "src/pulumi"];
  const reads = folders
    .flatMap(sourceFiles)
    .flatMap((file) => environmentVariables(file).map((name) => [name, file] as const));
  const byName = new Map<string, string>(reads);

  it("are found in the shell", () => {
    expect([...byName.keys()]).toEqual(expect.arrayContaining(["CSPOPS_NOW", "GITHUB_TOKEN", "NO_COLOR"]));
  });

  it.each([...byName.entries()].sort())("names %s (read in %s) in its document", (name, file) => {
    const owner = relative("src", file).startsWith("pulumi") ? "pulumi.md" : "cli.md";
    expect(namesInCode(doc(owner), name), `docs/${owner}`).toBe(true);
  });
});

describe("docs/snapshot.md", () => {
  const text = doc("snapshot.md");
  const schema = loadSchema("observed-snapshot.schema.json");
  const properties = [...new Set(propertyPaths(schema, schema).map(lastSegment))].sort();
  const lists = (schema.$defs?.listName?.enum ?? []) as string[];
  const observerCodes = codeLiterals(["src/adapters/graph"]);

  it("finds the properties of schemas/observed-snapshot.schema.json", () => {
    expect(properties).toEqual(expect.arrayContaining(["conditionalAccessPolicies", "lastSignInDateTime"]));
    expect(lists).toContain("applications");
  });

  it.each(properties)("names the snapshot property %s", (property) => {
    expect(namesInCode(text, property, { segment: true })).toBe(true);
  });

  it.each(lists)("lists how the observer reads %s", (list) => {
    const table = tableKeys(section(text, (heading) => heading === "What the observer reads") ?? "");
    expect(table.has(list)).toBe(true);
  });

  it.each([...observerCodes.keys()].sort())("explains the error code %s the observer records", (code) => {
    expect(namesInCode(text, code)).toBe(true);
  });
});
