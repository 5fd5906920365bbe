/** A JSON object (a mapping), not an array or null: what `unknown` input is checked with first. */
export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}
