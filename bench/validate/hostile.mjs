// Writes hostile instance files of about `bytes` bytes each, one per shape, into `dir`: the worst
// cases for validation time and output size (issue 11: aliases, many keys, deep nesting, …).
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";

const HEAD = "apiVersion: cspops/v1\nkind: PartnerInstance\nmetadata:\n  name: hostile\n";

/** Repeats `unit(i)` until the text reaches `bytes`. */
function fill(prefix, unit, bytes, suffix = "") {
  const parts = [prefix];
  let size = prefix.length + suffix.length;
  for (let index = 0; size < bytes; index++) {
    const part = unit(index);
    size += part.length;
    parts.push(part);
  }
  parts.push(suffix);
  return parts.join("");
}

export const HOSTILE_SHAPES = {
  "aliases-flow": (bytes) => fill(`${HEAD}spec: &a x\nlist: [`, () => "*a, ", bytes - 2, "*a]\n"),
  "aliases-keys": (bytes) => fill(`${HEAD}spec: &a {x: 1}\n`, (index) => `k${index}: *a\n`, bytes),
  anchors: (bytes) => fill(`${HEAD}spec:\n`, (index) => `  k${index}: &a${index} v\n`, bytes),
  "alias-chain": (bytes) =>
    fill(
      `${HEAD}a0: &a0 [x, x]\n`,
      (index) => `a${index + 1}: &a${index + 1} [*a${index}, *a${index}]\n`,
      bytes,
    ),
  "many-keys": (bytes) => fill(`${HEAD}spec:\n`, (index) => `  key${index}: value\n`, bytes),
  "many-top-keys": (bytes) => fill(HEAD, (index) => `key${index}: v\n`, bytes),
  "duplicate-keys": (bytes) => fill(`${HEAD}spec:\n`, () => "  same: value\n", bytes),
  "deep-flow": (bytes) => `${HEAD}spec: ${"[".repeat(bytes / 2)}${"]".repeat(bytes / 2)}\n`,
  "deep-flow-unclosed": (bytes) => `${HEAD}spec: ${"[".repeat(bytes)}\n`,
  "deep-block-list": (bytes) => fill(`${HEAD}spec:\n`, (index) => `${"  ".repeat(index % 2000)}- \n`, bytes),
  "deep-block-map": (bytes) =>
    fill(`${HEAD}spec:\n`, (index) => `${" ".repeat((index % 700) + 2)}k:\n`, bytes),
  "long-line": (bytes) => `${HEAD}spec:\n  partner:\n    defaultDomain: ${"a".repeat(bytes)}\n`,
  "long-key": (bytes) => `${HEAD}spec:\n  ${"k".repeat(bytes)}: v\n`,
  "many-documents": (bytes) => fill(HEAD, () => "---\n", bytes),
  "many-documents-content": (bytes) => fill(HEAD, (index) => `---\nk${index}: v\n`, bytes),
  "flow-list": (bytes) => fill(`${HEAD}spec:\n  app:\n    redirectUris: [`, () => "x, ", bytes - 2, "x]\n"),
  "flow-map": (bytes) => fill(`${HEAD}spec: {`, (index) => `k${index}: v, `, bytes - 2, "z: v}\n"),
  "redirect-uris": (bytes) =>
    fill(`${HEAD}spec:\n  app:\n    redirectUris:\n`, (index) => `      - http://h${index}/*#f\n`, bytes),
  "syntax-errors": (bytes) => fill(HEAD, () => "a: b: c\n  - ]\n", bytes),
  tags: (bytes) => fill(`${HEAD}spec:\n`, (index) => `  k${index}: !bad v\n`, bytes),
  secrets: (bytes) =>
    fill(
      `${HEAD}spec:\n`,
      (index) => `  k${index}: Abc1Q~abcdefghijklmnopqrstuvwxyz0123456789${index}\n`,
      bytes,
    ),
  comments: (bytes) => fill(`${HEAD}spec:\n`, () => "# comment\n", bytes),
  "blank-lines": (bytes) => `${HEAD}${"\n".repeat(bytes)}spec: 1\n`,
  "quoted-escapes": (bytes) => `${HEAD}spec: "${"\\u0041".repeat(bytes / 6)}"\n`,
};

export function generateHostile(dir, bytes, shapes = Object.keys(HOSTILE_SHAPES)) {
  mkdirSync(dir, { recursive: true });
  const files = [];
  for (const shape of shapes) {
    const folder = join(dir, shape);
    mkdirSync(folder, { recursive: true });
    writeFileSync(join(folder, "hostile.yaml"), HOSTILE_SHAPES[shape](bytes));
    files.push({ shape, folder });
  }
  return files;
}
