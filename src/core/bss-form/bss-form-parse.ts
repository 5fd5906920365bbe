import { InputError } from "../diagnostics/errors.js";
import type { CspStatus } from "../instance/instance.js";
import { isRecord } from "../json/is-record.js";
import { positionInText } from "../yaml/positions.js";
import type { BssFormValues } from "./bss-form.js";

/** What `pulumi stack output --json` prints in place of a secret unless `--show-secrets` is given. */
export const PULUMI_SECRET_SENTINEL = "[secret]";

const STACK_OUTPUT_HINT =
  "pipe the stack's outputs in: pulumi stack output --json --show-secrets | npx cspops bss-form NAME";

/**
 * Parses the text of `pulumi stack output --json`. The error never quotes the text: it holds Keys,
 * and V8's JSON errors echo part of their input.
 */
export function parseStackOutputJson(text: string, source: string): unknown {
  if (text.trim() === "") {
    throw new InputError(`${source} is empty: expected the JSON of pulumi stack output`, {
      hint: STACK_OUTPUT_HINT,
    });
  }
  try {
    return JSON.parse(text);
  } catch (error) {
    const position = error instanceof SyntaxError ? /position (\d+)/.exec(error.message)?.[1] : undefined;
    const where = position === undefined ? "" : ` (${describePosition(text, Number(position))})`;
    throw new InputError(`${source} is not valid JSON${where}`, { hint: STACK_OUTPUT_HINT });
  }
}

function describePosition(text: string, offset: number): string {
  const { line, column } = positionInText(text, offset);
  return `line ${line}, column ${column}`;
}

/**
 * Picks one instance's values out of the stack outputs. Accepts the whole outputs object
 * (`{ "instances": { … } }`) and the `instances` output alone (`pulumi stack output instances --json`).
 */
export function selectInstanceValues(outputs: unknown, name: string, source: string): BssFormValues {
  const instances = isRecord(outputs) && isRecord(outputs.instances) ? outputs.instances : outputs;
  if (!isRecord(instances)) {
    throw new InputError(`${source} does not hold the stack output 'instances'`, { hint: STACK_OUTPUT_HINT });
  }
  const entry = Object.hasOwn(instances, name) ? instances[name] : undefined;
  if (entry === undefined) {
    const known = Object.keys(instances).sort();
    throw new InputError(`the stack has no instance named '${name}'`, {
      hint:
        known.length === 0
          ? "the stack output 'instances' is empty: run pulumi up first"
          : `the stack's instances are: ${known.join(", ")}`,
    });
  }
  return readValues(entry, name);
}

function readValues(entry: unknown, name: string): BssFormValues {
  const problem = (field: string) =>
    new InputError(`the stack output for '${name}' has no valid '${field}'`, {
      hint: "the stack may predate this cspops version: run pulumi up, then try again",
    });
  if (!isRecord(entry)) throw problem("instances entry");
  const text = (field: string): string => {
    const value = entry[field];
    if (typeof value !== "string") throw problem(field);
    return value;
  };
  const textOrNull = (field: string): string | null => (entry[field] === null ? null : text(field));
  const cspStatus = (): CspStatus => {
    const value = entry.cspStatus;
    if (value !== "direct" && value !== "indirect") throw problem("cspStatus");
    return value;
  };
  // In the form's order, so the first problem reported is the first field of the form.
  return {
    apiUrl: text("apiUrl"),
    tenantName: text("tenantName"),
    appId: text("appId"),
    key: textOrNull("key"),
    keyExpiresAt: textOrNull("keyExpiresAt"),
    accountId: text("accountId"),
    cspStatus: cspStatus(),
    partnerOfRecord: text("partnerOfRecord"),
    consentUrl: text("consentUrl"),
  };
}
