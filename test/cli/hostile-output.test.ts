import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { SNAPSHOT_CANARIES, writeHostileSnapshot } from "../support/hostile-snapshot.js";
import { type CliRun, ROOT, runCli } from "../support/run-cli.js";

const CANARIES = SNAPSHOT_CANARIES;
const NOW = "2026-11-20T10:00:00Z";
let work: string;

/** Instance files whose names and keys are hostile, for `validate`. */
function writeHostileInstances(dir: string): void {
  mkdirSync(dir);
  const example = readFileSync(join(ROOT, "instances/contoso-primary.yaml"), "utf8");
  writeFileSync(join(dir, "x\n::error::forged\n.yaml"), example);
  // A client secret that only its YAML escape hides: `\u0051` is `Q`.
  writeFileSync(
    join(dir, "decoded.yaml"),
    example
      .replace("name: contoso-primary", "name: decoded")
      .replace(
        "displayName: Contoso BSS - Partner Center (primary)",
        'displayName: "Abc1\\u0051~DecodedCanary0123456789abcdefghij"',
      ),
  );
  writeFileSync(
    join(dir, "keys.yaml"),
    example
      .replace("name: contoso-primary", "name: keys")
      .replace(
        "  environment: primary",
        `  environment: primary\n  "::add-mask::hidden \\e[2J \\e]8;;http://evil\\a \\0 ##[error]legacy": 1`,
      ),
  );
}

beforeAll(() => {
  work = mkdtempSync(join(tmpdir(), "cspops-hostile-"));
  cpSync(join(ROOT, "instances"), join(work, "instances"), { recursive: true });
  writeHostileSnapshot(join(work, "snapshot.json"));
  writeHostileInstances(join(work, "hostile"));
});

afterAll(() => rmSync(work, { recursive: true, force: true }));

/** Runs the CLI in the work folder with a job summary file; returns the run and the summary. */
async function run(args: readonly string[]): Promise<{ run: CliRun; summary: string }> {
  const summaryFile = join(work, `summary-${args.join("-").replace(/[^a-z]/g, "")}.md`);
  writeFileSync(summaryFile, "");
  const result = await runCli(args, { cwd: work, env: { GITHUB_STEP_SUMMARY: summaryFile } });
  return { run: result, summary: readFileSync(summaryFile, "utf8") };
}

// biome-ignore lint/suspicious/noControlCharactersInRegex: looking for control characters.
const RAW_CONTROL = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/;
/** What the runner reads as a command: `::` at a line start after blanks, `##[` anywhere. */
const COMMAND_LINE = /^\s*::/;

function linesOf(text: string): string[] {
  return text.split("\n");
}

const reconcileFormats = ["text", "markdown", "github", "json"] as const;
const validateFormats = ["text", "github", "json"] as const;

describe("text output on hostile data", () => {
  it.each(reconcileFormats)(
    "reconcile --format %s: no forged command, no control byte, no credential",
    async (format) => {
      const { run: result, summary } = await run([
        "reconcile",
        "--observed",
        "snapshot.json",
        "--now",
        NOW,
        "--format",
        format,
      ]);

      expect(result.code).toBe(0);
      expect(result.stdout).toContain("contoso-sandbox");
      const everything = [result.stdout, result.stderr, summary].join("\n");
      for (const canary of CANARIES) expect(everything).not.toContain(canary);
      expect(everything).not.toMatch(RAW_CONTROL);
      expect(everything).not.toContain("##[");
      const commands = linesOf(result.stdout).filter((line) => COMMAND_LINE.test(line));
      // Only `--format github` writes commands, and only its own annotations on instance files.
      if (format === "github") {
        expect(commands.length).toBeGreaterThan(0);
        for (const line of commands)
          expect(line).toMatch(/^::(error|warning|notice) file=instances\/[a-z-]+\.yaml,title=/);
      } else expect(commands).toEqual([]);
      expect(linesOf(result.stderr).filter((line) => COMMAND_LINE.test(line))).toEqual([]);
      if (format === "json") expect(JSON.stringify(JSON.parse(result.stdout))).toContain("Renamed");
    },
  );

  it.each(validateFormats)("validate --format %s: no forged command, no control byte", async (format) => {
    const { run: result, summary } = await run(["validate", "--dir", "hostile", "--format", format]);

    expect(result.code).toBe(1);
    expect(result.stdout).toContain("::add-mask::hidden");
    expect(result.stdout).toContain("secret.in-yaml");
    const everything = [result.stdout, result.stderr, summary].join("\n");
    expect(everything).not.toContain("DecodedCanary");
    expect(everything).not.toMatch(RAW_CONTROL);
    expect(everything).not.toContain("##[");
    const commands = linesOf(result.stdout).filter((line) => COMMAND_LINE.test(line));
    if (format === "github") {
      for (const line of commands)
        expect(line).toMatch(
          /^::(error|warning) file=hostile\/(keys|decoded|x%0A%3A%3Aerror%3A%3Aforged%0A)\.yaml,line=/,
        );
    } else expect(commands).toEqual([]);
  });

  it("a usage error echoes a hostile argument without its controls or a command line", async () => {
    const { run: result } = await run(["validate", "--format", "\u001b[2J\n::error::forged"]);

    expect(result.code).toBe(2);
    expect(result.stderr).toContain("␛[2J");
    expect(result.stderr).not.toMatch(RAW_CONTROL);
    expect(linesOf(result.stderr).filter((line) => COMMAND_LINE.test(line))).toEqual([]);
  });

  it("reconcile stops on the hostile files with the validate lines on stderr, none a command", async () => {
    const { run: result } = await run([
      "reconcile",
      "--dir",
      "hostile",
      "--observed",
      "snapshot.json",
      "--now",
      NOW,
    ]);

    expect(result.code).toBe(1);
    expect(result.stderr).toContain("::error::forged");
    expect(linesOf(result.stderr).filter((line) => COMMAND_LINE.test(line))).toEqual([]);
    expect(result.stderr).not.toMatch(RAW_CONTROL);
  });
});
