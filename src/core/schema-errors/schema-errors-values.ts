import { redactSecrets } from "../secrets/secrets.js";
import { parsePointer } from "../yaml/positions.js";

const MAX_QUOTED = 60;

/** `/spec/app/redirectUris/0` → `spec.app.redirectUris[0]`, as a person reads the file. */
export function dotted(pointer: string): string {
  return parsePointer(pointer).reduce(
    (path, segment) =>
      /^\d+$/.test(segment) ? `${path}[${segment}]` : path === "" ? segment : `${path}.${segment}`,
    "",
  );
}

/** A value for a message: short, on one line, and never a secret. */
export function quote(value: unknown): string {
  const text = typeof value === "string" ? value : String(JSON.stringify(value) ?? value);
  const safe = redactSecrets(text).replaceAll(/[\r\n\t]+/g, " ");
  const clipped = safe.length > MAX_QUOTED ? `${safe.slice(0, MAX_QUOTED)}…` : safe;
  return typeof value === "string" ? `'${clipped}'` : clipped;
}

/** "the string \"x\"", "the number 5", "nothing (null)" — what was found instead. */
export function describeFound(value: unknown): string {
  if (value === null || value === undefined) return "nothing";
  if (Array.isArray(value)) return `a list of ${value.length} item${value.length === 1 ? "" : "s"}`;
  if (typeof value === "object") return "a mapping";
  if (typeof value === "string") return quote(value);
  return `${typeof value === "number" && Number.isInteger(value) ? "the integer" : `the ${typeof value}`} ${String(value)}`;
}
