import { readFileSync } from "node:fs";
import { join } from "node:path";
import { Ajv, type ValidateFunction } from "ajv";
import addFormatsModule from "ajv-formats";
import type { RecordedRequest } from "../../../src/emulator/github/github-emulator.js";

/**
 * Checks recorded exchanges against the operations of GitHub's OpenAPI description
 * (`test/fixtures/github-openapi-operations.json`, made by `scripts/extract-github-openapi.mjs`):
 * the bot's request bodies and query parameters, and the emulator's response bodies.
 */
interface OperationFixture {
  readonly method: string;
  readonly path: string;
  readonly parameters: readonly { name: string; in: string; required: boolean; schema: unknown }[];
  readonly requestBody: { required: boolean; schema: unknown } | null;
  readonly responses: Readonly<Record<string, { schema: unknown }>>;
}

interface Fixture {
  readonly operations: Readonly<Record<string, OperationFixture>>;
}

const fixturePath = join(import.meta.dirname, "../../fixtures/github-openapi-operations.json");
const addFormats = addFormatsModule as unknown as (ajv: Ajv) => Ajv;

export function createContractChecker() {
  const fixture = JSON.parse(readFileSync(fixturePath, "utf8")) as Fixture;
  // OpenAPI 3.0 adds keywords JSON Schema does not know (discriminator, xml…): not strict.
  const ajv = new Ajv({ strict: false, allErrors: true, coerceTypes: false });
  addFormats(ajv);
  ajv.addSchema({ ...fixture, $id: "github" });
  const coercing = new Ajv({ strict: false, coerceTypes: true });
  const compiled = new Map<string, ValidateFunction>();
  const validator = (pointer: string) => {
    const existing = compiled.get(pointer);
    if (existing !== undefined) return existing;
    const made = ajv.compile({ $ref: `github#${pointer}` });
    compiled.set(pointer, made);
    return made;
  };
  const escapePointer = (key: string) => key.replaceAll("~", "~0").replaceAll("/", "~1");

  /** Problems with one exchange; empty when it conforms. */
  function check(recorded: RecordedRequest): string[] {
    const where = `${recorded.method} ${recorded.path}`;
    if (recorded.operationId === undefined) return [`${where}: no GitHub operation of the fixture matches`];
    const operation = fixture.operations[recorded.operationId];
    if (operation === undefined) return [`${where}: ${recorded.operationId} is not in the fixture`];
    const base = `/operations/${escapePointer(recorded.operationId)}`;
    const problems: string[] = [];
    for (const [name, value] of Object.entries(recorded.query)) {
      const parameter = operation.parameters.find((p) => p.in === "query" && p.name === name);
      if (parameter === undefined) problems.push(`${where}: query parameter ${name} is not defined`);
      // Query values are strings on the wire; wrap them so that Ajv may coerce them.
      else if (!coercing.validate({ type: "object", properties: { value: parameter.schema } }, { value })) {
        problems.push(`${where}: query ${name}=${value} does not match ${JSON.stringify(parameter.schema)}`);
      }
    }
    if (operation.requestBody !== null && recorded.requestBody.length > 0) {
      const validate = validator(`${base}/requestBody/schema`);
      if (!validate(JSON.parse(recorded.requestBody)))
        problems.push(`${where} request: ${ajv.errorsText(validate.errors)}`);
    } else if (operation.requestBody?.required === true) {
      problems.push(`${where}: request body missing`);
    }
    if (recorded.status === 0 || recorded.fault !== undefined) return problems;
    const status = String(recorded.status);
    const response = operation.responses[status];
    const pointer =
      response !== undefined
        ? `${base}/responses/${status}/schema`
        : recorded.status >= 400
          ? "/components/schemas/basic-error"
          : undefined;
    if (pointer === undefined) return [...problems, `${where}: status ${status} is not documented`];
    if (response?.schema === null) {
      if (recorded.responseBody !== undefined) problems.push(`${where}: ${status} should have no body`);
      return problems;
    }
    const validate = validator(pointer);
    if (!validate(recorded.responseBody)) {
      problems.push(`${where} ${status} response: ${ajv.errorsText(validate.errors)}`);
    }
    return problems;
  }

  return { check, checkAll: (requests: readonly RecordedRequest[]) => requests.flatMap(check) };
}
