// Hostile instance files of about `bytes` bytes each (1 MB in the benchmark), one per shape: the
// worst cases for validation time and output size (docs/security.md). Most stay just inside the shape
// limits of src/core/yaml/yaml-shape-limits.ts (2,000 lines, 2,000 list items, depth 32,
// indentation 64), padding each line so the file still reaches `bytes`; the `-over` shapes break
// a limit, to time how fast it is refused.
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";

const HEAD = "apiVersion: cspops/v1\nkind: PartnerInstance\nmetadata:\n  name: hostile\n";
const LINES = 1_980;
const ITEMS = 1_980;

/** `count` units (or as many as `bytes` allows), each padded with `x` so the text reaches `bytes`. */
function spread(prefix, unit, count, bytes, suffix = "") {
  const bare = Array.from({ length: count }, (_, index) => unit(index, ""));
  const room = bytes - prefix.length - suffix.length - bare.reduce((sum, part) => sum + part.length, 0);
  const pad = "x".repeat(Math.max(0, Math.floor(room / count)));
  return prefix + Array.from({ length: count }, (_, index) => unit(index, pad)).join("") + suffix;
}

/** Repeats `unit(i)` until the text reaches `bytes` (breaks the limits on purpose). */
function fill(prefix, unit, bytes) {
  const parts = [prefix];
  let size = prefix.length;
  for (let index = 0; size < bytes; index++) {
    const part = unit(index);
    size += part.length;
    parts.push(part);
  }
  return parts.join("");
}

const anchored = `spec: &a {${Array.from({ length: 45 }, (_, index) => `k${index}: v`).join(", ")}}\n`;
const secret = (index) => `Ab${index % 10}1Q~${"abcdefghijklmnopqrstuvwxyz01234".slice(0, 31)}${index % 10}`;

export const HOSTILE_SHAPES = {
  "aliases-at-limit": (bytes) =>
    spread(`${HEAD}${anchored}`, (i, pad) => `k${i}: ${i < 100 ? "*a" : pad}\n`, LINES, bytes),
  "aliases-over": (bytes) => spread(`${HEAD}spec: &a x\n`, (i, pad) => `k${i}: *a # ${pad}\n`, LINES, bytes),
  "alias-chain": (bytes) =>
    spread(
      `${HEAD}a0: &a0 [x, x]\n`,
      (i, pad) => `a${i + 1}: &a${i + 1} [*a${i}, *a${i}] # ${pad}\n`,
      640,
      bytes,
    ),
  anchors: (bytes) => spread(`${HEAD}spec:\n`, (i, pad) => `  k${i}: &a${i} v${pad}\n`, LINES, bytes),
  "unknown-keys": (bytes) => spread(`${HEAD}spec:\n`, (i, pad) => `  key${i}: ${pad}\n`, LINES, bytes),
  "unknown-long-keys": (bytes) =>
    spread(`${HEAD}spec:\n`, (i, pad) => `  ${pad.slice(0, 990)}${i}: v\n`, Math.floor(bytes / 1000), bytes),
  "top-level-keys": (bytes) => spread(HEAD, (i, pad) => `key${i}: ${pad}\n`, LINES, bytes),
  "duplicate-keys": (bytes) => spread(`${HEAD}spec:\n`, (_, pad) => `  same: ${pad}\n`, LINES, bytes),
  "deep-flow": (bytes) =>
    spread(`${HEAD}spec:\n`, (_, pad) => `  - ${"[".repeat(31)}${pad}${"]".repeat(31)}\n`, 60, bytes),
  "deep-block": (bytes) =>
    spread(
      `${HEAD}spec:\n`,
      (i, pad) => `${" ".repeat((i % 62) + 2)}k${i % 62 === 61 ? `: ${pad}` : ":"}\n`,
      LINES,
      bytes,
    ),
  "deep-block-lists": (bytes) =>
    spread(`${HEAD}spec:\n`, (_, pad) => `  ${"- ".repeat(31)}${pad}\n`, 62, bytes),
  "long-line": (bytes) => `${HEAD}spec:\n  partner:\n    defaultDomain: ${"a".repeat(bytes)}\n`,
  "long-quoted-key": (bytes) => `${HEAD}spec:\n  "${"k".repeat(bytes)}": v\n`,
  "many-documents": (bytes) => spread(HEAD, (i, pad) => `---\nk${i}: ${pad}\n`, LINES / 2, bytes),
  "flow-list": (bytes) =>
    spread(
      `${HEAD}spec:\n  app:\n    redirectUris: [`,
      (i, pad) => `${i ? ", " : ""}https://h${i}.example/${pad}`,
      ITEMS,
      bytes,
      "]\n",
    ),
  "flow-map": (bytes) =>
    spread(`${HEAD}spec: {`, (i, pad) => `${i ? ", " : ""}k${i}: ${pad}`, ITEMS, bytes, "}\n"),
  "redirect-uris": (bytes) =>
    spread(
      `${HEAD}spec:\n  app:\n    redirectUris:\n`,
      (i, pad) => `      - http://h${i}/*#${pad}\n`,
      LINES,
      bytes,
    ),
  "syntax-errors": (bytes) => spread(HEAD, (_, pad) => `a: b: ${pad}\n  - ]\n`, LINES / 2, bytes),
  tags: (bytes) => spread(`${HEAD}spec:\n`, (i, pad) => `  k${i}: !bad ${pad}\n`, LINES, bytes),
  secrets: (bytes) => spread(`${HEAD}spec:\n`, (i, pad) => `  k${i}: ${secret(i)} ${pad}\n`, LINES, bytes),
  "secrets-in-comments": (bytes) => spread(HEAD, (i, pad) => `# ${secret(i)} ${pad}\n`, LINES, bytes),
  comments: (bytes) => spread(`${HEAD}spec:\n`, (_, pad) => `# ${pad}\n`, LINES, bytes),
  "quoted-escapes": (bytes) => `${HEAD}spec: "${"\\u0041".repeat(bytes / 6)}"\n`,
  "lines-over": (bytes) => `${HEAD}${"\n".repeat(bytes)}spec: 1\n`,
  "flow-items-over": (bytes) => fill(`${HEAD}list: [`, () => "*a, ", bytes),
  "depth-over": (bytes) => `${HEAD}spec: ${"[".repeat(bytes)}\n`,
};

export function generateHostile(dir, bytes, shapes = Object.keys(HOSTILE_SHAPES)) {
  const files = [];
  for (const shape of shapes) {
    const folder = join(dir, shape);
    mkdirSync(folder, { recursive: true });
    writeFileSync(join(folder, "hostile.yaml"), HOSTILE_SHAPES[shape](bytes));
    files.push({ shape, folder });
  }
  return files;
}
