import Ajv2020 from "ajv/dist/2020.js";
import { describe, expect, it } from "vitest";
import schema from "../../schemas/partner-instance.schema.json" with { type: "json" };
import { explainPattern } from "../../src/core/schema-errors/schema-errors-fields.js";

interface SchemaNode {
  readonly title?: string;
  readonly description?: string;
  readonly pattern?: string;
  readonly patternErrorMessage?: string;
  readonly enum?: readonly unknown[];
  readonly errorMessage?: string;
  readonly markdownEnumDescriptions?: readonly string[];
  readonly additionalProperties?: boolean;
  readonly propertyNames?: { readonly enum?: readonly string[]; readonly errorMessage?: string };
  readonly examples?: readonly unknown[];
  readonly default?: unknown;
  readonly properties?: Readonly<Record<string, SchemaNode>>;
  readonly items?: SchemaNode;
}

function fields(node: SchemaNode, path = ""): Array<[string, SchemaNode]> {
  return Object.entries(node.properties ?? {}).flatMap(([key, child]) => [
    [`${path}/${key}`, child] as [string, SchemaNode],
    ...fields(child, `${path}/${key}`),
    ...(child.items === undefined ? [] : fields(child.items, `${path}/${key}/items`)),
  ]);
}

describe("schemas/partner-instance.schema.json documents every field for editors", () => {
  const all = fields(schema as SchemaNode);

  it.each(all)("%s has a description and examples", (_path, node) => {
    expect(node.description?.length ?? 0).toBeGreaterThan(10);
    expect(node.examples?.length ?? 0).toBeGreaterThan(0);
  });

  it("has examples and defaults that the schema itself accepts", () => {
    const ajv = new Ajv2020.default({ strict: false });
    const validateField = (node: SchemaNode, value: unknown) => ajv.validate(node as object, value);

    const rejected = all.flatMap(([path, node]) =>
      [...(node.examples ?? []), ...("default" in node ? [node.default] : [])]
        .filter((value) => !validateField(node, value))
        .map((value) => `${path}: ${JSON.stringify(value)}`),
    );

    expect(all.length).toBeGreaterThan(25);
    expect(rejected).toEqual([]);
  });

  it("has whole-document examples that validate", () => {
    const ajv = new Ajv2020.default({ strict: false });

    expect((schema as { examples?: unknown[] }).examples?.length).toBeGreaterThan(0);
    for (const example of (schema as { examples: unknown[] }).examples) {
      expect(ajv.validate(schema, example), JSON.stringify(ajv.errors)).toBe(true);
    }
  });

  it.each(all)("%s has its own title, for editors' hovers", (_path, node) => {
    expect(node.title?.length ?? 0).toBeGreaterThan(2);
  });

  it("titles no two fields alike", () => {
    const titles = all.map(([, node]) => node.title);
    expect(new Set(titles).size).toBe(titles.length);
  });

  it.each(all.filter(([, node]) => node.pattern !== undefined))(
    "%s explains its pattern in words, as the CLI does",
    (path, node) => {
      const explanation = explainPattern(
        path
          .split("/")
          .filter((key) => key !== "items")
          .at(-1) ?? "",
      );
      expect(node.patternErrorMessage).toMatch(/^(Must be|Microsoft Entra requires)/);
      if (explanation !== undefined) {
        expect(node.patternErrorMessage?.toLowerCase()).toContain(explanation.expected.toLowerCase());
        expect(node.patternErrorMessage?.toLowerCase()).toContain(explanation.hint.toLowerCase());
      }
    },
  );

  it.each(all.filter(([, node]) => node.enum !== undefined))(
    "%s names its allowed values in its message and explains each",
    (_path, node) => {
      for (const value of node.enum ?? []) expect(node.errorMessage).toContain(`'${String(value)}'`);
      expect(node.markdownEnumDescriptions).toHaveLength(node.enum?.length ?? 0);
    },
  );

  it.each(
    [["", schema as SchemaNode] as [string, SchemaNode], ...all].filter(
      ([, node]) => node.additionalProperties === false,
    ),
  )("mapping %s lists its allowed keys for an unknown key", (_path, node) => {
    const keys = Object.keys(node.properties ?? {});
    expect(node.propertyNames?.enum).toEqual(keys);
    for (const key of keys) expect(node.propertyNames?.errorMessage).toContain(`\`${key}\``);
  });
});
