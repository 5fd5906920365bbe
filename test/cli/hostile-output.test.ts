import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { EXAMPLES_SNAPSHOT } from "../support/fixtures.js";
import { type CliRun, ROOT, runCli } from "../support/run-cli.js";

// Canaries: each shaped like a credential the redaction must catch, planted in snapshot data.
const ENTRA_CANARY = "xyz7Q~HostileCanarySecret0123456789abc";
const JWT_CANARY = "eyJhbGciOiJub25lIn0.eyJjYW5hcnkiOiJ0b2tlbiJ9.c2lnbmF0dXJlY2FuYXJ5";
const FORM_CANARY = "FormCanaryValue42";
const GITHUB_CANARY = "ghp_GitHubCanaryToken0123456789abcdefghij";
const CANARIES = [ENTRA_CANARY, JWT_CANARY, FORM_CANARY, GITHUB_CANARY];

/** Terminal escapes (screen clear, an OSC-8 hyperlink), NUL, workflow commands new and legacy. */
const NOISE =
  "\u001b[2J\u001b]8;;http://evil\u0007click\u001b]8;;\u0007 \u0000 \n::add-mask::hidden\n::error::forged\n##[error]legacy";

const NOW = "2026-11-20T10:00:00Z";
let work: string;

/** The example instances against a snapshot whose Graph data is hostile and full of credentials. */
function writeHostileSnapshot(file: string): void {
  const snapshot = JSON.parse(readFileSync(join(ROOT, EXAMPLES_SNAPSHOT), "utf8"));
  const primary = "6a3b8c1e-0d2f-4b7a-9c5e-1f2a3b4c5d6e";
  const sandbox = "3f1c2d4e-5a6b-4c7d-8e9f-0a1b2c3d4e5f";
  snapshot.tenants[primary] = {
    error: {
      status: 403,
      code: "Authorization_RequestDenied",
      message: `denied ${NOISE} ${ENTRA_CANARY} Authorization: Bearer ${JWT_CANARY} token ${GITHUB_CANARY}`,
    },
  };
  const [app] = snapshot.tenants[sandbox].applications;
  app.displayName = `Renamed ${NOISE} ${ENTRA_CANARY}`;
  app.web.redirectUris.push(`https://bss.contoso.example/cb?client_secret=${FORM_CANARY}${NOISE}`);
  writeFileSync(file, JSON.stringify(snapshot));
}

/** Instance files whose names and keys are hostile, for `validate`. */
function writeHostileInstances(dir: string): void {
  mkdirSync(dir);
  const example = readFileSync(join(ROOT, "instances/contoso-primary.yaml"), "utf8");
  writeFileSync(join(dir, "x\n::error::forged\n.yaml"), example);
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
    const everything = [result.stdout, result.stderr, summary].join("\n");
    expect(everything).not.toMatch(RAW_CONTROL);
    expect(everything).not.toContain("##[");
    const commands = linesOf(result.stdout).filter((line) => COMMAND_LINE.test(line));
    if (format === "github") {
      for (const line of commands)
        expect(line).toMatch(
          /^::(error|warning) file=hostile\/(keys|x%0A%3A%3Aerror%3A%3Aforged%0A)\.yaml,line=/,
        );
    } else expect(commands).toEqual([]);
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
