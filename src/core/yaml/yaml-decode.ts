import type { Diagnostic } from "../diagnostics/diagnostic.js";

/** Instance files are small; anything bigger is a mistake (or an attack), not a partner account. */
export const MAX_INSTANCE_FILE_BYTES = 1024 * 1024;

export type DecodeResult =
  | { readonly ok: true; readonly text: string }
  | { readonly ok: false; readonly diagnostic: Diagnostic; readonly lossyText: string };

const strictUtf8 = new TextDecoder("utf-8", { fatal: true, ignoreBOM: false });
const lossyUtf8 = new TextDecoder("utf-8", { fatal: false });

/**
 * Decodes an instance file as UTF-8, dropping a leading BOM. On failure it also returns a lossy
 * decoding, so that secret scanning still sees what it can of a broken file.
 */
export function decodeInstanceBytes(file: string, bytes: Uint8Array): DecodeResult {
  if (bytes.length > MAX_INSTANCE_FILE_BYTES) {
    return fail(file, bytes, 1, 1, "file.too-large", {
      // The reader stops one byte past the cap (src/adapters/bounded-read.ts): the size is unknown.
      message: `the file is larger than ${MAX_INSTANCE_FILE_BYTES} bytes (1 MiB), the most an instance file may be`,
      hint: "an instance file describes one partner account in a few dozen lines; check that this is the right file",
    });
  }
  if (isUtf16(bytes)) {
    return fail(file, bytes, 1, 1, "file.encoding", {
      message: "the file is UTF-16; instance files must be UTF-8",
      hint: "save the file as UTF-8 (a BOM is allowed)",
    });
  }
  try {
    // The decoder strips a UTF-8 BOM itself (ignoreBOM: false).
    return { ok: true, text: strictUtf8.decode(bytes) };
  } catch {
    const offset = findInvalidUtf8(bytes);
    const { line, column } = positionOfByte(bytes, offset);
    return fail(file, bytes, line, column, "file.encoding", {
      message: `the file is not valid UTF-8 (byte ${offset} is 0x${(bytes[offset] ?? 0).toString(16).padStart(2, "0")})`,
      hint: "save the file as UTF-8; a Windows-1252 or Latin-1 character (é, ü, …) is the usual cause",
    });
  }
}

function fail(
  file: string,
  bytes: Uint8Array,
  line: number,
  column: number,
  code: string,
  text: { message: string; hint: string },
): DecodeResult {
  return {
    ok: false,
    diagnostic: { file, line, column, path: "", code, severity: "error", ...text },
    lossyText: lossyUtf8.decode(bytes.subarray(0, MAX_INSTANCE_FILE_BYTES)),
  };
}

function isUtf16(bytes: Uint8Array): boolean {
  const [first, second] = bytes;
  return (first === 0xff && second === 0xfe) || (first === 0xfe && second === 0xff);
}

/** Offset of the first byte that does not start or continue a well-formed UTF-8 sequence. */
export function findInvalidUtf8(bytes: Uint8Array): number {
  let index = 0;
  while (index < bytes.length) {
    const length = sequenceLength(bytes, index);
    if (length === 0) return index;
    index += length;
  }
  return bytes.length;
}

/** Length of the well-formed sequence at `index` (Unicode Table 3-7), or 0. */
function sequenceLength(bytes: Uint8Array, index: number): number {
  const lead = bytes[index] ?? 0;
  if (lead < 0x80) return 1;
  const continuation = (offset: number, low = 0x80, high = 0xbf): boolean => {
    const byte = bytes[index + offset];
    return byte !== undefined && byte >= low && byte <= high;
  };
  if (lead >= 0xc2 && lead <= 0xdf) return continuation(1) ? 2 : 0;
  if (lead >= 0xe0 && lead <= 0xef) {
    const low = lead === 0xe0 ? 0xa0 : 0x80;
    const high = lead === 0xed ? 0x9f : 0xbf;
    return continuation(1, low, high) && continuation(2) ? 3 : 0;
  }
  if (lead >= 0xf0 && lead <= 0xf4) {
    const low = lead === 0xf0 ? 0x90 : 0x80;
    const high = lead === 0xf4 ? 0x8f : 0xbf;
    return continuation(1, low, high) && continuation(2) && continuation(3) ? 4 : 0;
  }
  return 0;
}

function positionOfByte(bytes: Uint8Array, offset: number): { line: number; column: number } {
  let line = 1;
  let lineStart = 0;
  for (let index = 0; index < offset; index++) {
    if (bytes[index] === 0x0a) {
      line++;
      lineStart = index + 1;
    }
  }
  // Columns count characters, and everything before `offset` is well-formed UTF-8.
  const column = lossyUtf8.decode(bytes.subarray(lineStart, offset)).length + 1;
  return { line, column };
}
