import { redactCredentialShapes } from "../../core/secrets/redact-credential-shapes.js";

/**
 * `JSON.stringify` with every string (keys included) passed through `redactCredentialShapes`:
 * `--format json` stays raw data, escaped only as JSON, but never carries a credential or a
 * legacy workflow command.
 */
export function stringifyRedacted(value: unknown): string {
  // `##[` occurs only inside strings; `\u0023` is the same `#` to any JSON reader, but the runner,
  // which reads `##[name]` anywhere in a logged line as a command, no longer sees one.
  return JSON.stringify(redactStrings(value), null, 2).replaceAll("##[", "\\u0023#[");
}

function redactStrings(value: unknown): unknown {
  if (typeof value === "string") return redactCredentialShapes(value);
  if (Array.isArray(value)) return value.map(redactStrings);
  if (typeof value !== "object" || value === null) return value;
  return Object.fromEntries(
    Object.entries(value).map(([key, item]) => [redactCredentialShapes(key), redactStrings(item)]),
  );
}
