import fc from "fast-check";
import { keys, trickyScalars } from "./yaml-samples.js";

interface Line {
  readonly indent: number;
  readonly kind: "key" | "empty-key" | "item" | "comment" | "blank";
  readonly key: string;
  readonly value: string;
}

const lineArbitrary: fc.Arbitrary<Line> = fc.record({
  indent: fc.constantFrom(0, 0, 0, 2, 2, 4, 4, 1, 3, 6),
  kind: fc.constantFrom("key", "key", "key", "empty-key", "item", "item", "comment", "blank"),
  key: fc.constantFrom(...keys),
  value: fc.oneof(fc.constantFrom(...trickyScalars), fc.string({ maxLength: 8 })),
});

function renderLine(line: Line): string {
  const pad = " ".repeat(line.indent);
  switch (line.kind) {
    case "key":
      return `${pad}${line.key}: ${line.value}`;
    case "empty-key":
      return `${pad}${line.key}:`;
    case "item":
      return `${pad}- ${line.value}`;
    case "comment":
      return `${pad}# ${line.value}`;
    case "blank":
      return pad;
  }
}

/** Random block-YAML-like documents, most of them close to valid. */
export const generatedYaml: fc.Arbitrary<string> = fc
  .tuple(
    fc.array(lineArbitrary, { minLength: 1, maxLength: 12 }),
    fc.constantFrom("\n", "\r\n"),
    fc.boolean(),
  )
  .map(
    ([lines, newline, finalNewline]) => lines.map(renderLine).join(newline) + (finalNewline ? newline : ""),
  );

const insertions = [
  ":",
  " ",
  "  ",
  "-",
  "#",
  "'",
  '"',
  "[",
  "]",
  ",",
  "&a",
  "*a",
  "!",
  "\t",
  "\r",
  "\n",
  "\n  ",
  "é",
  "\u00a0",
  "\u2028",
  "\ufeff",
  "\u0085",
  "\u0000",
  "\\",
  "{",
  "}",
  "|",
  ">",
  "---\n",
  "~",
  "0",
  "?",
];

/** An example instance with a few random edits: a stray character, a lost line, a moved indent. */
export function mutatedYaml(examples: readonly string[]): fc.Arbitrary<string> {
  const edit = fc.oneof(
    fc.record({ kind: fc.constant("insert" as const), at: fc.nat(), text: fc.constantFrom(...insertions) }),
    fc.record({
      kind: fc.constant("delete" as const),
      at: fc.nat(),
      length: fc.integer({ min: 1, max: 12 }),
    }),
    fc.record({ kind: fc.constant("duplicate-line" as const), at: fc.nat() }),
  );
  return fc
    .tuple(fc.constantFrom(...examples), fc.array(edit, { minLength: 1, maxLength: 3 }))
    .map(([example, edits]) =>
      edits.reduce((text, change) => {
        const at = text.length === 0 ? 0 : change.at % text.length;
        if (change.kind === "insert") return text.slice(0, at) + change.text + text.slice(at);
        if (change.kind === "delete") return text.slice(0, at) + text.slice(at + change.length);
        const lines = text.split("\n");
        const index = change.at % lines.length;
        lines.splice(index, 0, lines[index] ?? "");
        return lines.join("\n");
      }, example),
    );
}

type Tree = { readonly [key: string]: Tree | string | readonly string[] } | undefined;

const treeArbitrary: fc.Arbitrary<Tree> = fc.letrec<{ tree: Tree }>((tie) => ({
  tree: fc.oneof(
    { depthSize: "small", withCrossShrink: true },
    fc.constant(undefined),
    fc.dictionary(
      fc.constantFrom(...keys),
      fc.oneof(
        fc.constantFrom(...trickyScalars),
        fc.array(fc.constantFrom(...trickyScalars), { maxLength: 3 }),
        tie("tree"),
      ),
      { minKeys: 1, maxKeys: 4 },
    ),
  ),
})).tree;

function renderTree(tree: Tree, indent: number, step: number, listAtKey: boolean, flow: boolean): string[] {
  if (tree === undefined) return [];
  const pad = " ".repeat(indent);
  return Object.entries(tree).flatMap(([key, value]) => {
    if (typeof value === "string") return [`${pad}${key}: ${value}`];
    if (Array.isArray(value)) {
      if (flow) return [`${pad}${key}: [${value.join(", ")}]`];
      const itemPad = " ".repeat(listAtKey ? indent : indent + step);
      return [`${pad}${key}:`, ...value.map((item) => `${itemPad}- ${item}`)];
    }
    return [`${pad}${key}:`, ...renderTree(value as Tree, indent + step, step, listAtKey, flow)];
  });
}

/** Well-formed nested documents with tricky scalars: the fast path accepts many of them. */
export const structuredYaml: fc.Arbitrary<string> = fc
  .tuple(
    treeArbitrary,
    fc.integer({ min: 1, max: 4 }),
    fc.boolean(),
    fc.boolean(),
    fc.constantFrom("\n", "\r\n"),
    fc.array(fc.tuple(fc.nat(), fc.constantFrom("# note", "", "  # indented note", "   ")), { maxLength: 3 }),
  )
  .map(([tree, step, listAtKey, flow, newline, extras]) => {
    const lines = renderTree(tree ?? { a: "x" }, 0, step, listAtKey, flow);
    for (const [at, extra] of extras) lines.splice(at % (lines.length + 1), 0, extra);
    return `${lines.join(newline)}${newline}`;
  });

/** Generated and mutated YAML, and now and then pure noise. */
export function yamlLikeText(examples: readonly string[]): fc.Arbitrary<string> {
  return fc.oneof(
    { weight: 4, arbitrary: generatedYaml },
    { weight: 4, arbitrary: structuredYaml },
    { weight: 4, arbitrary: mutatedYaml(examples) },
    { weight: 1, arbitrary: fc.string({ maxLength: 200 }) },
  );
}
