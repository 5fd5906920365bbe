#!/usr/bin/env node
// Regenerates test/fixtures/github-openapi-operations.json: the few operations of GitHub's official
// OpenAPI description (@octokit/openapi) that the GitHub port calls, with the component schemas
// they reference. The whole package is ~400 MB unpacked, so it is packed into a temporary folder,
// one file is extracted, and the folder is removed.
//
//   node scripts/extract-github-openapi.mjs [version]
//
// The fixture keeps `$ref`s to `#/components/schemas/*` (some schemas nest) and converts OpenAPI
// 3.0's `nullable: true` into JSON Schema, so that Ajv can compile it as one document.
import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const PACKAGE = "@octokit/openapi";
const DEFAULT_VERSION = "23.0.2";
const SOURCE_FILE = "package/generated/api.github.com.json";

/** operationId → what cspops uses it for. */
const OPERATIONS = {
  "issues/list-comments": "find the sticky PR comment by its marker",
  "issues/create-comment": "create the sticky PR comment",
  "issues/update-comment": "edit the sticky PR comment in place",
  "issues/delete-comment": "remove our own duplicate after a race",
  "issues/list-for-repo": "find the drift dashboard issue by label",
  "issues/create": "open the drift dashboard issue",
  "issues/update": "update, close or reopen the drift dashboard issue",
  "issues/get-label": "check that the dashboard label exists",
  "issues/create-label": "create the dashboard label",
  "pulls/list-files": "list the files a pull request changes",
  "users/get-authenticated":
    "learn whose token this is, to edit only our own comments (an Actions token gets 403)",
};

/** Keywords that only document; dropping them keeps the fixture small. */
const DOCUMENTATION_KEYWORDS = new Set([
  "description",
  "example",
  "examples",
  "externalDocs",
  "title",
  "summary",
]);

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const output = join(root, "test/fixtures/github-openapi-operations.json");
const version = process.argv[2] ?? DEFAULT_VERSION;

const description = readDescription(version);
const operations = pickOperations(description);
const schemas = collectComponentSchemas(description, operations);
const fixture = {
  source: {
    package: PACKAGE,
    version,
    file: SOURCE_FILE.replace(/^package\//, ""),
    openapi: description.openapi,
  },
  regenerate: "node scripts/extract-github-openapi.mjs [version]",
  operations,
  components: { schemas },
};
writeFileSync(output, `${JSON.stringify(fixture, null, 1)}\n`);
console.log(
  `wrote ${Object.keys(operations).length} operations and ${Object.keys(schemas).length} schemas ` +
    `from ${PACKAGE}@${version} to ${output.slice(root.length + 1)}`,
);

function readDescription(packageVersion) {
  const folder = mkdtempSync(join(tmpdir(), "cspops-openapi-"));
  try {
    const npm = process.platform === "win32" ? "npm.cmd" : "npm";
    const tarball = execFileSync(
      npm,
      ["pack", `${PACKAGE}@${packageVersion}`, "--pack-destination", folder, "--silent"],
      { encoding: "utf8" },
    )
      .trim()
      .split("\n")
      .at(-1);
    execFileSync("tar", ["xzf", join(folder, tarball), "-C", folder, SOURCE_FILE]);
    return JSON.parse(readFileSync(join(folder, SOURCE_FILE), "utf8"));
  } finally {
    rmSync(folder, { recursive: true, force: true });
  }
}

function pickOperations(document) {
  const picked = {};
  for (const [path, item] of Object.entries(document.paths)) {
    for (const [method, operation] of Object.entries(item)) {
      const purpose = OPERATIONS[operation?.operationId];
      if (purpose === undefined) continue;
      picked[operation.operationId] = {
        purpose,
        method: method.toUpperCase(),
        path,
        parameters: (operation.parameters ?? []).map((parameter) => {
          const { name, in: location, required, schema } = resolve(document, parameter);
          return { name, in: location, required: required === true, schema: toJsonSchema(schema) };
        }),
        requestBody: requestSchema(document, operation),
        responses: responseSchemas(document, operation),
      };
    }
  }
  const missing = Object.keys(OPERATIONS).filter((id) => picked[id] === undefined);
  if (missing.length > 0)
    throw new Error(`operations not found in ${PACKAGE}@${version}: ${missing.join(", ")}`);
  return Object.fromEntries(Object.keys(OPERATIONS).map((id) => [id, picked[id]]));
}

function requestSchema(document, operation) {
  if (operation.requestBody === undefined) return null;
  const body = resolve(document, operation.requestBody);
  return {
    required: body.required === true,
    schema: toJsonSchema(body.content["application/json"].schema),
  };
}

function responseSchemas(document, operation) {
  const responses = {};
  for (const [status, reference] of Object.entries(operation.responses)) {
    const response = resolve(document, reference);
    const schema = response.content?.["application/json"]?.schema;
    responses[status] = {
      schema: schema === undefined ? null : toJsonSchema(schema),
      headers: Object.keys(response.headers ?? {}),
    };
  }
  return responses;
}

function resolve(document, value) {
  let current = value;
  while (current?.$ref !== undefined) {
    current = current.$ref
      .slice(2)
      .split("/")
      .reduce((node, key) => node[key.replaceAll("~1", "/").replaceAll("~0", "~")], document);
  }
  return current;
}

/** OpenAPI 3.0 schema object → JSON Schema (draft 7 subset that Ajv compiles). */
function toJsonSchema(schema) {
  if (Array.isArray(schema)) return schema.map(toJsonSchema);
  if (schema === null || typeof schema !== "object") return schema;
  const converted = {};
  for (const [key, value] of Object.entries(schema)) {
    // `properties` is a map of names to schemas, so a property called `title` survives this.
    if (DOCUMENTATION_KEYWORDS.has(key)) continue;
    if (key === "nullable") continue;
    converted[key] = key === "properties" ? mapValues(value, toJsonSchema) : toJsonSchema(value);
  }
  return schema.nullable === true ? allowNull(converted) : converted;
}

function allowNull(schema) {
  if (typeof schema.type === "string" && schema.enum === undefined)
    return { ...schema, type: [schema.type, "null"] };
  if (typeof schema.type === "string")
    return { ...schema, type: [schema.type, "null"], enum: [...schema.enum, null] };
  return { anyOf: [schema, { type: "null" }] };
}

function mapValues(object, transform) {
  return Object.fromEntries(Object.entries(object).map(([key, value]) => [key, transform(value)]));
}

function collectComponentSchemas(document, picked) {
  const names = new Set();
  const pending = [JSON.stringify(picked)];
  while (pending.length > 0) {
    const text = pending.pop();
    for (const [, name] of text.matchAll(/"#\/components\/schemas\/([^"]+)"/g)) {
      if (names.has(name)) continue;
      names.add(name);
      pending.push(JSON.stringify(document.components.schemas[name]));
    }
  }
  return Object.fromEntries(
    [...names].sort().map((name) => [name, toJsonSchema(document.components.schemas[name])]),
  );
}
