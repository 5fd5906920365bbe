import { partnerInstanceSchema } from "../generated/partner-instance-schema.js";
import { parsePointer } from "../yaml/positions.js";

/** The part of a JSON Schema node the error messages read. */
export interface SchemaNode {
  readonly description?: string;
  readonly examples?: readonly unknown[];
  readonly properties?: Readonly<Record<string, SchemaNode>>;
  readonly items?: SchemaNode;
  readonly enum?: readonly unknown[];
}

/** The schema node at an Ajv `schemaPath` (`#/properties/spec/…`), or undefined. */
export function schemaNodeAt(schemaPath: string): SchemaNode | undefined {
  const pointer = schemaPath.startsWith("#") ? schemaPath.slice(1) : schemaPath;
  let node: unknown = partnerInstanceSchema;
  for (const segment of parsePointer(pointer)) {
    if (typeof node !== "object" || node === null) return undefined;
    node = (node as Record<string, unknown>)[segment];
  }
  return typeof node === "object" && node !== null ? (node as SchemaNode) : undefined;
}

/** The schema path of the node that holds a keyword: `#/properties/spec/required` → `#/properties/spec`. */
export function parentSchemaPath(schemaPath: string): string {
  return schemaPath.slice(0, schemaPath.lastIndexOf("/"));
}

/** Every place a property name is declared, as dotted paths (`spec.cloud`), for "it belongs under …". */
export function findPropertyHomes(name: string): string[] {
  const homes: string[] = [];
  const walk = (node: SchemaNode | undefined, path: string): void => {
    if (node?.properties === undefined) return;
    for (const [key, child] of Object.entries(node.properties)) {
      const childPath = path === "" ? key : `${path}.${key}`;
      if (key === name) homes.push(childPath);
      walk(child, childPath);
    }
  };
  walk(partnerInstanceSchema as SchemaNode, "");
  return homes;
}
