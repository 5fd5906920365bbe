import Ajv2020 from "ajv/dist/2020.js";
import { describe, expect, it } from "vitest";
import schema from "../../schemas/partner-instance.schema.json" with { type: "json" };

interface SchemaNode {
  readonly description?: string;
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
});
