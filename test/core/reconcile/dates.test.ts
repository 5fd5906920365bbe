import { describe, expect, it } from "vitest";
import { parseGraphDateTime, parseInstant } from "../../../src/core/reconcile/dates.js";

describe("parseGraphDateTime", () => {
  it.each([
    ["2026-11-20T10:00:00Z", "2026-11-20T10:00:00.000Z"],
    ["2019-09-17T19:10:35.2742618Z", "2019-09-17T19:10:35.274Z"],
    ["2026-01-01T00:00:00-8:00", "2026-01-01T08:00:00.000Z"],
    ["2026-01-01T00:00:00+05:30", "2025-12-31T18:30:00.000Z"],
    ["2026-01-01T00:00:00", "2026-01-01T00:00:00.000Z"],
    ["2026-01-01T00:00", "2026-01-01T00:00:00.000Z"],
  ])("reads %s", (text, iso) => {
    const epoch = parseGraphDateTime(text);

    expect(new Date(epoch ?? Number.NaN).toISOString()).toBe(iso);
  });

  it.each([
    null,
    undefined,
    "",
    "yesterday",
    "2026-02-30T00:00:00Z",
    "2026-13-01T00:00:00Z",
    "2026-01-01T24:00:00Z",
  ])("refuses %s", (text) => {
    expect(parseGraphDateTime(text)).toBeUndefined();
  });
});

describe("parseInstant", () => {
  it.each([
    ["2026-11-20", "2026-11-20T00:00:00.000Z"],
    ["2026-11-20T10:00:00Z", "2026-11-20T10:00:00.000Z"],
    ["2026-11-20T12:00:00+02:00", "2026-11-20T10:00:00.000Z"],
    // Years before 100 as written, not as 1900-1999 (issue 11: 0050-06-01 was read as 1950).
    ["0050-06-01", "0050-06-01T00:00:00.000Z"],
    ["0000-02-29T00:00:00Z", "0000-02-29T00:00:00.000Z"],
  ])("reads %s", (text, iso) => {
    expect(parseInstant(text)?.toISOString()).toBe(iso);
  });

  it.each(["2026-11-20T10:00:00", "20/11/2026", "now", "2026-02-30"])("refuses %s", (text) => {
    expect(parseInstant(text)).toBeUndefined();
  });
});
