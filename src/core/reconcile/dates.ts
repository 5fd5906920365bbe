/** Milliseconds in a day; all date arithmetic is in UTC, so a day is always this long. */
export const DAY_MS = 86_400_000;

// Graph writes ISO 8601 with up to 7 fractional digits; its own docs also show offsets like `-8:00`.
const DATE_TIME =
  /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2})(?:\.(\d+))?)?(?:(Z)|([+-])(\d{1,2}):?(\d{2}))?$/i;

/**
 * Reads a Graph `DateTimeOffset` into epoch milliseconds, or `undefined` when it is missing or not a
 * real date. A value without an offset is UTC, as Graph documents its timestamps.
 */
export function parseGraphDateTime(text: string | null | undefined): number | undefined {
  if (typeof text !== "string") return undefined;
  const match = DATE_TIME.exec(text.trim());
  if (match === null) return undefined;
  const [, year, month, day, hour, minute, second, fraction, , sign, offsetHours, offsetMinutes] = match;
  const [y, mo, d, h, mi, s] = [year, month, day, hour, minute, second ?? "0"].map(Number) as [
    number,
    number,
    number,
    number,
    number,
    number,
  ];
  const ms = Number((fraction ?? "0").slice(0, 3).padEnd(3, "0"));
  // Not Date.UTC: it reads years 0-99 as 1900-1999 (`0050-06-01` would be 1950).
  const check = new Date(0);
  check.setUTCFullYear(y, mo - 1, d);
  check.setUTCHours(h, mi, s, ms);
  const utc = check.getTime();
  // Date.UTC rolls 30 February over to March; a real date survives the round trip.
  if (check.getUTCMonth() !== mo - 1 || check.getUTCDate() !== d || h > 23 || mi > 59 || s > 59)
    return undefined;
  if (sign === undefined) return utc;
  const [oh, om] = [Number(offsetHours), Number(offsetMinutes)];
  if (oh > 14 || om > 59) return undefined;
  const offset = (oh * 60 + om) * 60_000;
  return sign === "+" ? utc - offset : utc + offset;
}

const INSTANT = /^\d{4}-\d{2}-\d{2}(?:T\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:\d{2}))?$/i;

/**
 * Reads `--now` / `CSPOPS_NOW`: an ISO 8601 date (midnight UTC) or a date and time with `Z` or an
 * offset. A time without a zone is refused: it would depend on the machine's time zone.
 */
export function parseInstant(text: string): Date | undefined {
  const trimmed = text.trim();
  if (!INSTANT.test(trimmed)) return undefined;
  const epoch = parseGraphDateTime(trimmed.length === 10 ? `${trimmed}T00:00:00Z` : trimmed);
  return epoch === undefined ? undefined : new Date(epoch);
}

/** `2026-11-20`. */
export function formatDay(epoch: number): string {
  return new Date(epoch).toISOString().slice(0, 10);
}

/** `2026-11-20 10:00 UTC`. */
export function formatMinute(epoch: number): string {
  const iso = new Date(epoch).toISOString();
  return `${iso.slice(0, 10)} ${iso.slice(11, 16)} UTC`;
}

/** Whole days from `from` to `to`, rounded down (negative when `to` is earlier). */
export function daysBetween(from: number, to: number): number {
  return Math.floor((to - from) / DAY_MS);
}
