import { readFileSync } from "node:fs";
import { cp, mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type GitHubEmulator, startGitHubEmulator } from "../../src/emulator/github/github-emulator.js";
import { buildExampleSeed } from "../../src/emulator/seeds/example-instances.js";
import { type RunningEmulator, startEmulator } from "../../src/emulator/start-emulator.js";
import { ROOT, runCli } from "../support/run-cli.js";

/**
 * Every command in README.md's `sh` blocks that starts with `npx cspops`, `cspops` or
 * `node dist/cli/main.js` runs as written, in a copy of the repository's `instances/` and
 * `examples/`, and exits as its comment says (`exit N`; 0 when it says nothing).
 *
 * A command marked `# needs: azure` reads live Microsoft Graph: it runs with the variables of the
 * Entra + Graph emulator (seeded for the example instances). `# needs: github` writes to GitHub:
 * it runs with the GitHub emulator's variables and a pull request event. Every other command runs
 * with no Azure or GitHub variable at all, which proves it works on a fresh clone without an account.
 */
interface Example {
  readonly line: number;
  readonly text: string;
  readonly args: readonly string[];
  readonly needs: ReadonlySet<string>;
  readonly exitCode: number;
}

const PREFIXES = ["npx cspops ", "cspops ", "node dist/cli/main.js "];
const REPOSITORY = "octo-org/partner-config";

function readmeExamples(markdown: string): Example[] {
  const examples: Example[] = [];
  let inShell = false;
  markdown.split("\n").forEach((raw, index) => {
    const line = raw.trim();
    if (line.startsWith("```")) {
      inShell = !inShell && line === "```sh";
      return;
    }
    if (!inShell) return;
    const prefix = PREFIXES.find((candidate) => line.startsWith(candidate));
    if (prefix === undefined) return;
    const hash = line.search(/\s#\s/);
    const command = (hash === -1 ? line : line.slice(0, hash)).trim();
    const comment = hash === -1 ? "" : line.slice(hash);
    const needs = /needs: ([a-z, ]+)/.exec(comment)?.[1]?.split(/,\s*/) ?? [];
    examples.push({
      line: index + 1,
      text: command,
      args: command.slice(prefix.length).split(/\s+/),
      needs: new Set(needs.map((need) => need.trim())),
      exitCode: Number(/\bexit (\d)\b/.exec(comment)?.[1] ?? 0),
    });
  });
  return examples;
}

const examples = readmeExamples(readFileSync(join(ROOT, "README.md"), "utf8"));
let workspace: string;
let home: string;
let entra: RunningEmulator;
let github: GitHubEmulator;
let eventPath: string;

beforeAll(async () => {
  workspace = await mkdtemp(join(tmpdir(), "cspops-readme-"));
  home = await mkdtemp(join(tmpdir(), "cspops-readme-home-"));
  await cp(join(ROOT, "instances"), join(workspace, "instances"), { recursive: true });
  await cp(join(ROOT, "examples"), join(workspace, "examples"), { recursive: true });
  entra = await startEmulator({ seed: buildExampleSeed(new Date()) });
  github = await startGitHubEmulator({ repositories: [REPOSITORY] });
  const pull = github.state.addPullRequest(REPOSITORY, { files: ["instances/contoso-sandbox.yaml"] });
  eventPath = join(home, "event.json");
  await writeFile(
    eventPath,
    JSON.stringify({ action: "opened", number: pull, pull_request: { number: pull } }),
  );
});

afterAll(async () => {
  await entra?.close();
  await github?.close();
  await rm(workspace, { recursive: true, force: true });
  await rm(home, { recursive: true, force: true });
});

function environmentFor(example: Example): Record<string, string> {
  return {
    HOME: home,
    ...(example.needs.has("azure") ? entra.environment : {}),
    ...(example.needs.has("github")
      ? {
          GITHUB_TOKEN: "emulator-token",
          GITHUB_REPOSITORY: REPOSITORY,
          GITHUB_API_URL: github.url,
          GITHUB_EVENT_PATH: eventPath,
        }
      : {}),
  };
}

describe("README.md's commands", () => {
  it("are found, with only a few that need a cloud account or GitHub, each a live or writing command", () => {
    expect(examples.length).toBeGreaterThanOrEqual(10);
    const marked = examples.filter((example) => example.needs.size > 0);
    expect(marked.length).toBeLessThanOrEqual(6);
    for (const example of marked) {
      expect(
        [...example.needs].every((need) => need === "azure" || need === "github"),
        example.text,
      ).toBe(true);
      const live = !example.args.includes("--observed") && example.args[0] !== "validate";
      const writes = example.args.includes("--comment") || example.args.includes("--issue");
      expect(example.needs.has("azure"), example.text).toBe(live);
      expect(example.needs.has("github"), example.text).toBe(writes);
    }
  });

  it.each(examples.map((example) => [`README.md:${example.line} ${example.text}`, example] as const))(
    "%s",
    async (_name, example) => {
      const run = await runCli(example.args, {
        cwd: workspace,
        cleanEnv: true,
        env: environmentFor(example),
        timeoutMs: 60_000,
      });

      expect(run.code, `${run.stderr}\n${run.stdout}`.slice(0, 2_000)).toBe(example.exitCode);
      expect(run.stderr).not.toMatch(/\n\s+at /);
    },
    60_000,
  );
});
