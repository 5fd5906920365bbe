import { readdirSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { DIAGNOSTIC_CODES } from "../../src/core/diagnostics/diagnostic-codes.js";
import { type InstanceSource, validateInstanceSources } from "../../src/core/instance/validate-instances.js";

const root = join(import.meta.dirname, "../..");
const corpus = "test/corpus";
const rawExpectations: Record<string, string[]> = JSON.parse(
  readFileSync(join(root, corpus, "invalid/expectations.json"), "utf8"),
);

/** A corpus case: one file, or a folder of files validated together. */
function readCase(path: string): { sources: InstanceSource[]; expected: string[] } {
  const files = statSync(join(root, path)).isDirectory()
    ? readdirSync(join(root, path))
        .filter((name) => name.endsWith(".yaml"))
        .map((name) => `${path}/${name}`)
    : [path];
  const sources = files.map((file) => ({ file, bytes: readFileSync(join(root, file)) }));
  const expected = sources.flatMap(({ file, bytes }) => {
    const name = file.slice(file.lastIndexOf("/") + 1);
    const marks =
      rawExpectations[name] ??
      Array.from(
        Buffer.from(bytes)
          .toString("utf8")
          .matchAll(/^# expect: (\S+)$/gm),
        (match) => match[1] ?? "",
      );
    return marks.map((mark) => `${file} ${mark}`);
  });
  return { sources, expected: expected.sort() };
}

function listCases(folder: string): string[] {
  return readdirSync(join(root, corpus, folder))
    .filter((name) => name !== "expectations.json")
    .map((name) => `${corpus}/${folder}/${name}`);
}

/** The day the corpus is validated on, for rules that compare dates (acknowledge.*). */
const CORPUS_TODAY = "2026-11-20";

const invalidCases = listCases("invalid");
const validCases = listCases("valid");

describe("the invalid corpus", () => {
  it("has at least 60 cases", () => {
    expect(invalidCases.length).toBeGreaterThanOrEqual(60);
  });

  it.each(invalidCases)("%s reports exactly its expected errors, at their lines", (path) => {
    const { sources, expected } = readCase(path);

    const result = validateInstanceSources(sources, { today: CORPUS_TODAY });

    expect(expected.length).toBeGreaterThan(0);
    expect(result.ok).toBe(false);
    const errors = result.diagnostics
      .filter((diagnostic) => diagnostic.severity === "error")
      .map((diagnostic) => `${diagnostic.file} ${diagnostic.code}@${diagnostic.line}`)
      .sort();
    expect(errors).toEqual(expected);
  });

  it("covers every diagnostic code (each rule and schema keyword would be missed if removed)", () => {
    const cases = [...invalidCases, ...validCases].map(readCase);

    const covered = new Set(
      cases.flatMap(({ expected }) => expected.map((mark) => mark.split(" ")[1]?.split("@")[0])),
    );

    const untested = Object.keys(DIAGNOSTIC_CODES).filter(
      // file.too-large needs a 1 MiB file: test/core/yaml-decode.test.ts makes one. schema.invalid is
      // the fallback for keywords the schema does not use.
      (code) => !covered.has(code) && code !== "file.too-large" && code !== "schema.invalid",
    );
    expect(untested).toEqual([]);
  });
});

describe("the valid corpus", () => {
  it.each(validCases)("%s is valid and reports exactly its expected warnings", (path) => {
    const { sources, expected } = readCase(path);

    const result = validateInstanceSources(sources, { today: CORPUS_TODAY });

    expect(result.ok).toBe(true);
    const skipped = expected.filter((mark) => mark.includes(" file.not-an-instance@")).length;
    expect(result.instances).toHaveLength(sources.length - skipped);
    expect(result.fileCount).toBe(sources.length - skipped);
    const warnings = result.diagnostics.map(
      (diagnostic) => `${diagnostic.file} ${diagnostic.code}@${diagnostic.line}`,
    );
    expect(warnings.sort()).toEqual(expected);
  });
});
