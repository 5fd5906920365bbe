import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import { join, relative } from "node:path";
import { describe, expect, it } from "vitest";
import { ROOT } from "../support/run-cli.js";

const SOURCE_FOLDERS = ["src", "scripts", "bench", "schemas"];
/** Briefs the project was written from; they are not in the repository, so nothing may cite them. */
const OUTSIDE_DOCUMENTS = /\b(?:DESIGN|DOMAIN|STYLE)(?:\.md|\s*§)/;
/** A Markdown path as a comment cites it: `docs/cli.md`, `README.md`, `docs/statuses.md#the-90-days`. */
const MARKDOWN_PATH = /(?<![\w/.-])((?:[\w.-]+\/)*[\w.-]+\.md)(#[a-z0-9-]+)?/g;

function filesUnder(folder: string): string[] {
  return readdirSync(join(ROOT, folder)).flatMap((name) => {
    const path = join(folder, name);
    if (name === "node_modules" || name === "generated") return [];
    return statSync(join(ROOT, path)).isDirectory() ? filesUnder(path) : [path];
  });
}

/** GitHub's anchor for a heading: lower case, punctuation dropped, spaces as hyphens. */
function slug(heading: string): string {
  return heading
    .trim()
    .toLowerCase()
    .replace(/[^\p{L}\p{N} _-]/gu, "")
    .replace(/ /g, "-");
}

function anchorsOf(markdownFile: string): Set<string> {
  const text = readFileSync(join(ROOT, markdownFile), "utf8");
  return new Set([...text.matchAll(/^#{1,6} (.+)$/gm)].map((match) => slug(match[1] ?? "")));
}

/** `[path](target)` links from a Markdown file to another file of the repository. */
function linksIn(markdownFile: string): { file: string; anchor: string | undefined }[] {
  const text = readFileSync(join(ROOT, markdownFile), "utf8");
  return [...text.matchAll(/\]\(([^)\s]+)\)/g)]
    .map((match) => match[1] ?? "")
    .filter((target) => !/^[a-z]+:/.test(target))
    .map((target) => {
      const [path = "", anchor] = target.split("#");
      const file = path === "" ? markdownFile : relative(ROOT, join(ROOT, markdownFile, "..", path));
      return { file, anchor };
    });
}

function brokenCitations(file: string, text: string): string[] {
  const broken: string[] = [];
  for (const match of text.matchAll(MARKDOWN_PATH)) {
    const [, cited = "", hash] = match;
    if (!existsSync(join(ROOT, cited)))
      broken.push(`${file}: cites ${cited}, which the repository does not have`);
    else if (hash !== undefined && !anchorsOf(cited).has(hash.slice(1))) {
      broken.push(`${file}: cites ${cited}${hash}, a section ${cited} does not have`);
    }
  }
  return broken;
}

describe("what the code cites", () => {
  const sources = SOURCE_FOLDERS.flatMap(filesUnder);

  it("is never a document outside the repository (the design brief and its companions)", () => {
    const tests = filesUnder("test").filter((file) => !file.endsWith("citations.test.ts"));
    const offending = [...sources, ...tests].filter((file) =>
      OUTSIDE_DOCUMENTS.test(readFileSync(join(ROOT, file), "utf8")),
    );

    expect(offending).toEqual([]);
  });

  it("is a Markdown file, and a section of it, that the repository has", () => {
    const broken = sources.flatMap((file) => brokenCitations(file, readFileSync(join(ROOT, file), "utf8")));

    expect(broken).toEqual([]);
    expect(sources.some((file) => /docs\/[a-z-]+\.md/.test(readFileSync(join(ROOT, file), "utf8")))).toBe(
      true,
    );
  });

  it("finds a citation that is not there (the check can fail)", () => {
    expect(brokenCitations("x.ts", "// see docs/nowhere.md and docs/cli.md#no-such-section")).toHaveLength(2);
    expect(OUTSIDE_DOCUMENTS.test(`// ${"DESIGN"} §3`)).toBe(true);
  });
});

describe("links between the repository's documents", () => {
  const documents = [
    "README.md",
    "ARCHITECTURE.md",
    ...filesUnder("docs").filter((file) => file.endsWith(".md")),
  ];

  it("lead to files, and sections, that exist", () => {
    const broken = documents.flatMap((document) =>
      linksIn(document)
        .filter(({ file, anchor }) => {
          if (!existsSync(join(ROOT, file))) return true;
          return anchor !== undefined && file.endsWith(".md") && !anchorsOf(file).has(anchor);
        })
        .map(({ file, anchor }) => `${document} → ${file}${anchor === undefined ? "" : `#${anchor}`}`),
    );

    expect(broken).toEqual([]);
  });
});
