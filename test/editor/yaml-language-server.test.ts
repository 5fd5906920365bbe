import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import schema from "../../schemas/partner-instance.schema.json" with { type: "json" };
import { validateInstanceSources } from "../../src/core/instance/validate-instances.js";
import { type LspDiagnostic, YamlLanguageServer } from "./support/yaml-language-server.js";

const root = join(import.meta.dirname, "../..");
const read = (name: string) => readFileSync(join(root, "instances", name), "utf8");
const primary = read("contoso-primary.yaml");
const sandbox = read("contoso-sandbox.yaml");

/** Replaces `from` once, and fails loudly if the example no longer has it. */
function edit(text: string, from: string, to: string): string {
  if (!text.includes(from)) throw new Error(`the example no longer contains ${JSON.stringify(from)}`);
  return text.replace(from, to);
}

/** What the CLI reports for one file: `validate`'s own validation, in process. */
function cliDiagnostics(text: string) {
  const result = validateInstanceSources([
    { file: "instances/mistake.yaml", bytes: new TextEncoder().encode(text) },
  ]);
  return result.diagnostics;
}

/**
 * Mistakes people make while writing an instance, each with the CLI's diagnostic code and a phrase
 * that both the CLI (message or hint) and the editor's diagnostic must say.
 */
const mistakes = [
  {
    name: "a retired cloud (germany)",
    text: edit(primary, "cloud: global", "cloud: germany"),
    code: "cloud.germany-retired",
    phrases: [
      "Microsoft Cloud Deutschland closed on 2021-10-29; its partners and customers moved to the global cloud",
    ],
  },
  {
    name: "an http:// redirect URI",
    text: edit(primary, "- https://bss.contoso.example", "- http://bss.contoso.example"),
    code: "redirect.not-https",
    phrases: ["Microsoft Entra requires https:// for web apps", "allowed only for http://localhost"],
  },
  {
    name: "sandboxOf in a primary",
    text: edit(primary, "  environment: primary\n", "  environment: primary\n  sandboxOf: contoso-primary\n"),
    code: "schema.sandbox-of-forbidden",
    phrases: ["a primary instance cannot have `sandboxOf`: only a sandbox names its primary"],
  },
  {
    name: "a sandbox without sandboxOf",
    text: edit(sandbox, "  sandboxOf: contoso-primary\n", ""),
    code: "schema.sandbox-of-required",
    phrases: ["a sandbox instance must name its primary in `sandboxOf`"],
  },
  {
    name: "a tenant id that is not a GUID",
    text: edit(
      primary,
      "tenantId: 6a3b8c1e-0d2f-4b7a-9c5e-1f2a3b4c5d6e",
      "tenantId: contoso.onmicrosoft.com",
    ),
    code: "schema.pattern",
    phrases: [
      "a GUID (8-4-4-4-12 hexadecimal digits, like 6a3b8c1e-0d2f-4b7a-9c5e-1f2a3b4c5d6e)",
      "copy the Account ID from Partner Center > Account settings > Organization profile",
    ],
  },
  {
    name: "a typo in a key (redirectUri)",
    text: edit(primary, "    redirectUris:\n", "    redirectUri:\n"),
    code: "schema.unknown-key",
    phrases: ["not a known key in `spec.app`", "`redirectUris`"],
  },
  {
    name: "a secret under a secret-looking key",
    text: edit(primary, "  app:\n", "  app:\n    clientSecret: not-a-real-secret\n"),
    code: "secret.in-yaml",
    phrases: ["secrets never go in instance files"],
  },
];

const GENERIC = [
  /Matches a schema that is not allowed/,
  /String does not match the pattern/,
  /Value is not accepted/,
  /cspops partner instance/,
];

describe("yaml-language-server, as an editor runs it on instance files (modeline schema)", () => {
  let server: YamlLanguageServer;
  beforeAll(async () => {
    server = await YamlLanguageServer.start();
  }, 30_000);
  afterAll(async () => {
    await server?.stop();
  });

  const FIXTURES = "test/fixtures/snapshots/all-statuses/instances";
  const valid = [
    ...readdirSync(join(root, "instances")).map((name) => `instances/${name}`),
    ...readdirSync(join(root, FIXTURES)).map((name) => `${FIXTURES}/${name}`),
  ];

  it.each(valid)("reports nothing on the valid instance %s", async (path) => {
    const diagnostics = await server.open(server.uri(path), readFileSync(join(root, path), "utf8"));

    expect(diagnostics).toEqual([]);
  });

  describe.each(mistakes)("on $name", ({ text, code, phrases }) => {
    let editor: LspDiagnostic[];
    beforeAll(async () => {
      editor = await server.open(server.uri(`instances/mistake-${code}.yaml`), text);
    });

    it("shows a diagnostic at the CLI's line that says what the CLI says", () => {
      const cli = cliDiagnostics(text).find((diagnostic) => diagnostic.code === code);
      expect(cli, JSON.stringify(cliDiagnostics(text))).toBeDefined();
      const cliWords = `${cli?.message} ${cli?.hint ?? ""}`.toLowerCase();
      const atLine = editor.filter((diagnostic) => diagnostic.range.start.line + 1 === cli?.line);

      for (const phrase of phrases) {
        expect(cliWords).toContain(phrase.toLowerCase());
        expect(
          atLine.some((diagnostic) => diagnostic.message.toLowerCase().includes(phrase.toLowerCase())),
          `line ${cli?.line}: ${JSON.stringify(editor.map((d) => [d.range.start.line + 1, d.message]))}`,
        ).toBe(true);
      }
    });

    it("shows no generic message (bare `not`, raw pattern, the schema's name)", () => {
      for (const diagnostic of editor) {
        for (const generic of GENERIC) expect(diagnostic.message).not.toMatch(generic);
      }
    });
  });

  it("hovers show each field's own title and description", async () => {
    const uri = server.uri("instances/hover.yaml");
    await server.open(uri, primary);
    const lines = primary.split("\n");
    const fields: [string, string[]][] = [
      ["apiVersion", ["apiVersion"]],
      ["  name", ["metadata", "name"]],
      ["  environment", ["spec", "environment"]],
      ["  cloud", ["spec", "cloud"]],
      ["    tenantId", ["spec", "partner", "tenantId"]],
      ["    redirectUris", ["spec", "app", "redirectUris"]],
      ["    adminAgent", ["spec", "consent", "adminAgent"]],
      ["    productNames", ["spec", "catalogue", "productNames"]],
    ];

    const titles: string[] = [];
    for (const [prefix, path] of fields) {
      const line = lines.findIndex((text) => text.startsWith(`${prefix}:`));
      const hover = await server.hover(uri, { line, character: prefix.length - 1 });
      const node = schemaNode(path);
      titles.push(node.title);
      expect(hover, path.join(".")).toMatch(new RegExp(`^#### ${escapeRegExp(node.title)}\\n`));
      expect(hover).toContain(node.markdownDescription ?? node.description);
    }
    expect(new Set(titles).size).toBe(fields.length);
  });

  it("completes the keys of a mapping by name, with their documentation, and no object(…) item", async () => {
    const uri = server.uri("instances/completion.yaml");
    const text = `${primary.split("\n")[0]}\napiVersion: cspops/v1\nkind: PartnerInstance\nmetadata:\n  name: x\nspec:\n  environment: primary\n  \n`;
    await server.open(uri, text);

    const items = await server.completion(uri, { line: 7, character: 2 });

    const labels = items.map((item) => item.label);
    expect(labels).toEqual(
      expect.arrayContaining(["cloud", "partner", "app", "consent", "catalogue", "provisioning"]),
    );
    expect(labels.filter((label) => /^\w+\(/.test(label) || /cspops partner instance/i.test(label))).toEqual(
      [],
    );
    const cloud = items.find((item) => item.label === "cloud");
    const documentation =
      typeof cloud?.documentation === "string" ? cloud.documentation : (cloud?.documentation?.value ?? "");
    expect(documentation).toContain("closed on 2021-10-29");
  });

  it("completes the top-level keys of an empty instance file", async () => {
    const uri = server.uri("instances/empty.yaml");
    await server.open(uri, `${primary.split("\n")[0]}\n\n`);

    const items = await server.completion(uri, { line: 1, character: 0 });

    expect(items.map((item) => item.label)).toEqual(
      expect.arrayContaining(["apiVersion", "kind", "metadata", "spec"]),
    );
    expect(items.map((item) => item.label).filter((label) => /^\w+\(/.test(label))).toEqual([]);
  });
});

interface TitledNode {
  readonly title: string;
  readonly description: string;
  readonly markdownDescription?: string;
  readonly properties?: Readonly<Record<string, TitledNode>>;
}

function schemaNode(path: readonly string[]): TitledNode {
  let node = schema as unknown as TitledNode;
  for (const key of path) {
    const child = node.properties?.[key];
    if (child === undefined) throw new Error(`no schema node at ${path.join(".")}`);
    node = child;
  }
  return node;
}

function escapeRegExp(text: string): string {
  return text.replaceAll(/[.*+?^${}()|[\]\\]/g, "\\$&");
}
