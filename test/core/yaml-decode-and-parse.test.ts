import { describe, expect, it } from "vitest";
import {
  decodeInstanceBytes,
  findInvalidUtf8,
  MAX_INSTANCE_FILE_BYTES,
} from "../../src/core/yaml/yaml-decode.js";
import { parseInstanceYaml } from "../../src/core/yaml/yaml-library-parse.js";

const encoder = new TextEncoder();

describe("decodeInstanceBytes", () => {
  it("drops a UTF-8 byte order mark", () => {
    const decoded = decodeInstanceBytes(
      "a.yaml",
      new Uint8Array([0xef, 0xbb, 0xbf, ...encoder.encode("a: 1\n")]),
    );

    expect(decoded).toEqual({ ok: true, text: "a: 1\n" });
  });

  it("places invalid UTF-8 at its line and character column", () => {
    const bytes = new Uint8Array([...encoder.encode("a: 1\nb: éé"), 0xe9, ...encoder.encode("\n")]);

    const decoded = decodeInstanceBytes("a.yaml", bytes);

    expect(decoded.ok).toBe(false);
    expect(decoded.ok ? undefined : decoded.diagnostic).toMatchObject({
      code: "file.encoding",
      line: 2,
      column: 6,
    });
  });

  it.each([
    ["an overlong encoding", [0xc0, 0x80], 0],
    ["a surrogate", [0x41, 0xed, 0xa0, 0x80], 1],
    ["a truncated sequence", [0x41, 0x42, 0xe2, 0x82], 2],
    ["a stray continuation byte", [0x80], 0],
    ["beyond U+10FFFF", [0xf4, 0x90, 0x80, 0x80], 0],
  ])("finds %s", (_name, bytes, offset) => {
    expect(findInvalidUtf8(new Uint8Array(bytes))).toBe(offset);
  });

  it("refuses UTF-16 with a hint to save as UTF-8", () => {
    const decoded = decodeInstanceBytes("a.yaml", new Uint8Array([0xff, 0xfe, 0x61, 0x00]));

    expect(decoded.ok ? undefined : decoded.diagnostic).toMatchObject({ code: "file.encoding", line: 1 });
  });

  it("refuses a file over 1 MiB without decoding it", () => {
    const decoded = decodeInstanceBytes("big.yaml", new Uint8Array(MAX_INSTANCE_FILE_BYTES + 1).fill(0x20));

    expect(decoded.ok ? undefined : decoded.diagnostic.code).toBe("file.too-large");
  });
});

describe("parseInstanceYaml", () => {
  it("reads CRLF files and points at the right line", () => {
    const parsed = parseInstanceYaml("a.yaml", "a: 1\r\nb:\r\n  c: x\r\n");

    expect(parsed.ok).toBe(true);
    if (!parsed.ok) return;
    expect(parsed.parsed.data).toEqual({ a: 1, b: { c: "x" } });
    expect(parsed.parsed.locator.locate("/b/c")).toEqual({ line: 3, column: 6 });
    expect(parsed.parsed.locator.locate("/b/c", "key")).toEqual({ line: 3, column: 3 });
    expect(parsed.parsed.locator.locate("/b/missing")).toEqual({ line: 3, column: 3 });
  });

  it("resolves anchors and aliases within the limit", () => {
    const parsed = parseInstanceYaml("a.yaml", "uris: &u [https://a.example/cb]\nagain: *u\n");

    expect(parsed.ok && parsed.parsed.data).toEqual({
      uris: ["https://a.example/cb"],
      again: ["https://a.example/cb"],
    });
  });

  it("stops an alias bomb with one diagnostic, quickly", () => {
    const levels = Array.from({ length: 12 }, (_, level) =>
      level === 0
        ? "l0: &l0 [x, x, x, x, x, x, x, x, x, x]"
        : `l${level}: &l${level} [${Array(10)
            .fill(`*l${level - 1}`)
            .join(", ")}]`,
    );
    const started = performance.now();

    const parsed = parseInstanceYaml("bomb.yaml", `${levels.join("\n")}\n`);

    expect(performance.now() - started).toBeLessThan(1000);
    expect(
      parsed.ok ? [] : parsed.diagnostics.map((diagnostic) => [diagnostic.code, diagnostic.line]),
    ).toEqual([["yaml.alias-limit", 2]]);
  });

  it("reports only the first syntax error, where the problem starts", () => {
    const parsed = parseInstanceYaml("a.yaml", "a: 1\nb: [x, y\nc: 2\nd: : :\n");

    expect(
      parsed.ok
        ? []
        : parsed.diagnostics.map((diagnostic) => [diagnostic.code, diagnostic.line, diagnostic.column]),
    ).toEqual([["yaml.syntax", 2, 4]]);
  });

  it("reports every duplicate key", () => {
    const parsed = parseInstanceYaml("a.yaml", "a: 1\na: 2\nb: 1\nb: 2\n");

    expect(parsed.ok ? [] : parsed.diagnostics.map((diagnostic) => diagnostic.line)).toEqual([2, 4]);
  });
});
