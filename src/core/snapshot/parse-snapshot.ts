import { validate as validateSnapshotSchema } from "../generated/observed-snapshot-validator.js";
import { parseGraphDateTime } from "../reconcile/dates.js";
import { positionInText } from "../yaml/positions.js";
import type { ObservedSnapshot } from "./snapshot.js";

/** One reason a text is not an observed snapshot; `path` is a JSON pointer (`""` for the whole text). */
export interface SnapshotProblem {
  readonly path: string;
  readonly message: string;
}

export type ParseSnapshotResult =
  | { readonly ok: true; readonly snapshot: ObservedSnapshot }
  | { readonly ok: false; readonly problems: readonly SnapshotProblem[] };

interface AjvError {
  readonly instancePath: string;
  readonly keyword: string;
  readonly message?: string;
  readonly params: Record<string, unknown>;
}

/** At most this many schema problems are reported: the first few tell what is wrong. */
const MAX_PROBLEMS = 10;

/**
 * Reads the text of a snapshot file (docs/snapshot.md): JSON, then the schema. Pure: the caller reads the
 * file and decides how to report problems. Never echoes values from the text, which could be secrets.
 */
export function parseSnapshot(text: string): ParseSnapshotResult {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (error) {
    return { ok: false, problems: [{ path: "", message: describeJsonError(error, text) }] };
  }
  if (!validateSnapshotSchema(data)) {
    const errors = (validateSnapshotSchema as unknown as { errors: readonly AjvError[] | null }).errors ?? [];
    return { ok: false, problems: summariseSchemaErrors(errors) };
  }
  const snapshot = data as ObservedSnapshot;
  if (parseGraphDateTime(snapshot.observedAt) === undefined) {
    return { ok: false, problems: [{ path: "/observedAt", message: "is not a real date and time" }] };
  }
  if (snapshot.shard !== undefined && snapshot.shard.index > snapshot.shard.count) {
    return {
      ok: false,
      problems: [{ path: "/shard/index", message: `is larger than /shard/count (${snapshot.shard.count})` }],
    };
  }
  return { ok: true, snapshot };
}

function describeJsonError(error: unknown, text: string): string {
  const raw = error instanceof Error ? error.message : String(error);
  const position = /at position (\d+)/.exec(raw);
  if (position?.[1] !== undefined) {
    const { line, column } = positionInText(text, Number(position[1]));
    const reason = raw.replace(/\s*in JSON at position \d+.*$/s, "");
    return `not valid JSON at line ${line}, column ${column}: ${reason}`;
  }
  if (text.trim() === "") return "the file is empty";
  // V8 quotes part of the input in some messages; drop it so that no value is ever echoed.
  return `not valid JSON: ${raw.replace(/,\s*(?:\.\.\.)?".*$/s, "")}`;
}

function summariseSchemaErrors(errors: readonly AjvError[]): SnapshotProblem[] {
  const problems = errors.map(describeSchemaError);
  const unique = [
    ...new Map(problems.map((problem) => [`${problem.path} ${problem.message}`, problem])).values(),
  ];
  if (unique.length <= MAX_PROBLEMS) return unique;
  return [
    ...unique.slice(0, MAX_PROBLEMS),
    { path: "", message: `…and ${unique.length - MAX_PROBLEMS} more problem(s)` },
  ];
}

function describeSchemaError(error: AjvError): SnapshotProblem {
  const path = error.instancePath;
  switch (error.keyword) {
    case "required":
      return { path, message: `is missing the required field '${String(error.params.missingProperty)}'` };
    case "additionalProperties":
      return { path, message: `has an unknown field '${String(error.params.additionalProperty)}'` };
    case "propertyNames":
      return { path, message: `has a key '${String(error.params.propertyName)}' that is not allowed` };
    case "const":
      return { path, message: `must be ${JSON.stringify(error.params.allowedValue)}` };
    case "type":
      if (path.endsWith("/secretText")) {
        return { path, message: "carries a secret value: a snapshot must never contain secretText" };
      }
      return { path, message: `must be ${String(error.params.type)}` };
    default:
      return { path, message: error.message ?? `fails '${error.keyword}'` };
  }
}
