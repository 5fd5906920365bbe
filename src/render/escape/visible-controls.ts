/**
 * C0 controls (NUL…US), DEL and C1 controls (0x80–0x9F), the Unicode line and paragraph separators,
 * and the bidirectional overrides that reorder what a reader sees ("Trojan Source").
 */
// biome-ignore lint/suspicious/noControlCharactersInRegex: matching control characters is the point.
const INVISIBLE = /[\u0000-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g;

/**
 * Shows every control character of `text` as a visible stand-in, so outside text can neither
 * drive a terminal (ESC sequences: screen clear, OSC-8 hyperlinks), nor start a new line, nor
 * hide what it says: C0 controls become their Unicode Control Pictures (`\x1b` → `␛`, `\n` → `␊`,
 * NUL → `␀`), DEL `␡`, the rest a spelled escape (`\u{85}`). Nothing is dropped.
 */
export function showControls(text: string): string {
  return text.replace(INVISIBLE, (char) => {
    const code = char.charCodeAt(0);
    if (code < 0x20) return String.fromCharCode(0x2400 + code);
    if (code === 0x7f) return "\u2421";
    return `\\u{${code.toString(16)}}`;
  });
}
