import { copyFile, cp, mkdir, mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ROOT as root, runCli } from "../support/run-cli.js";

const TRACE_HOOK = join(root, "test/cli/support/trace-validate-loads.mjs");
const CANARY = "q7w8Q~CANARYcanary0123456789abcdefghijkl";

let scratch: string;
let invalidDir: string;
beforeAll(async () => {
  scratch = await mkdtemp(join(tmpdir(), "cspops-validate-"));
  invalidDir = join(scratch, "instances");
  await cp(join(root, "instances"), invalidDir, { recursive: true });
  const primary = await readFile(join(invalidDir, "contoso-primary.yaml"), "utf8");
  await writeFile(
    join(invalidDir, "contoso-primary.yaml"),
    primary.replace("cloud: global", "cloud: germany"),
  );
  await writeFile(
    join(invalidDir, "leaky.yaml"),
    `${primary.replace("contoso-primary", "leaky")}# old key: ${CANARY}\n`,
  );
  await writeFile(join(invalidDir, "broken.yaml"), "metadata: [\n");
});
afterAll(async () => {
  await rm(scratch, { recursive: true, force: true });
});

describe("cspops validate", () => {
  it("exits 0 on the example instances, warnings included, with one line per diagnostic and a summary", async () => {
    const run = await runCli(["validate"]);

    expect(run.code).toBe(0);
    expect(run.stdout).toBe(
      [
        "instances/fabrikam-china.yaml:8:16 warning pairing.no-sandbox the primary 'fabrikam-china' has no integration sandbox instance",
        "  hint: declare its sandbox (environment: sandbox, sandboxOf: this name) to test orders before going live",
        "valid: 3 instance files, 1 warning",
        "",
      ].join("\n"),
    );
    expect(run.stderr).toBe("");
  });

  it("exits 1 on invalid files and reports every file, one bad file hiding none", async () => {
    const run = await runCli(["validate", "--dir", invalidDir], { cwd: scratch });

    expect(run.code).toBe(1);
    expect(run.stdout).toMatch(/^instances\/broken\.yaml:1:11 error yaml\.syntax /m);
    expect(run.stdout).toMatch(
      /^instances\/contoso-primary\.yaml:9:10 error cloud\.germany-retired .*2021-10-29/m,
    );
    expect(run.stdout).toMatch(/^instances\/leaky\.yaml:\d+:\d+ error secret\.in-yaml /m);
    expect(run.stdout.trimEnd().split("\n").at(-1)).toMatch(
      /^invalid: 4 errors and \d+ warnings? in 3 files \(5 instance files checked\)$/,
    );
  });

  it("prints only the JSON of docs/cli.md on stdout with --format json", async () => {
    const run = await runCli(["validate", "--dir", invalidDir, "--format", "json"], { cwd: scratch });

    expect(run.code).toBe(1);
    expect(run.stderr).toBe("");
    const report = JSON.parse(run.stdout) as Record<string, unknown> & {
      diagnostics: Record<string, unknown>[];
    };
    expect(Object.keys(report)).toEqual(["schemaVersion", "valid", "instances", "diagnostics"]);
    expect(report).toMatchObject({ schemaVersion: 1, valid: false, instances: 5 });
    expect(report.diagnostics).toContainEqual({
      file: "instances/contoso-primary.yaml",
      line: 9,
      column: 10,
      path: "/spec/cloud",
      code: "cloud.germany-retired",
      severity: "error",
      message: expect.stringContaining("2021-10-29"),
      hint: expect.stringContaining("cloud: global"),
    });
  });

  it("writes workflow commands with --format github and appends a table to the step summary", async () => {
    const summary = join(scratch, "summary.md");
    await writeFile(summary, "# earlier step\n");

    const run = await runCli(["validate", "--dir", invalidDir, "--format", "github"], {
      cwd: scratch,
      env: { GITHUB_STEP_SUMMARY: summary },
    });

    expect(run.code).toBe(1);
    expect(run.stdout).toContain(
      "::error file=instances/contoso-primary.yaml,line=9,col=10,title=cloud.germany-retired::Microsoft Cloud Deutschland closed on 2021-10-29",
    );
    expect(run.stdout).toMatch(
      /^::warning file=instances\/fabrikam-china\.yaml,line=8,col=16,title=pairing\.no-sandbox::/m,
    );
    expect(run.stdout).toContain("%0Ahint: ");
    const markdown = await readFile(summary, "utf8");
    expect(markdown.startsWith("# earlier step\n### cspops validate: ❌ invalid")).toBe(true);
    expect(markdown).toContain("| ❌ | `instances/contoso-primary.yaml:9:10` | `cloud.germany-retired` |");
  });

  it("never prints a secret value, in any format", async () => {
    const summary = join(scratch, "summary-secret.md");
    const runs = await Promise.all(
      (["text", "json", "github"] as const).map((format) =>
        runCli(["validate", "--dir", invalidDir, "--format", format], {
          cwd: scratch,
          env: { GITHUB_STEP_SUMMARY: summary },
        }),
      ),
    );

    for (const run of runs) {
      expect(run.stdout).toContain("secret.in-yaml");
      expect(run.stdout + run.stderr).not.toContain(CANARY);
    }
    expect(await readFile(summary, "utf8")).not.toContain(CANARY);
  });

  it("names a missing folder and says what to do, without a stack trace", async () => {
    const run = await runCli(["validate", "--dir", "no-such-folder"]);

    expect(run.code).toBe(1);
    expect(run.stdout).toBe("");
    expect(run.stderr).toBe(
      "cspops: the instances folder 'no-such-folder' does not exist\n  hint: run cspops from the repository root, or pass --dir <folder of instance files>\n",
    );
  });

  it("fails on a folder without instance files, so a gate pointed at the wrong folder is not green", async () => {
    const empty = join(scratch, "empty");
    await mkdir(empty, { recursive: true });

    const run = await runCli(["validate", "--dir", empty], { cwd: scratch });

    expect(run.code).toBe(1);
    expect(run.stdout).toBe("");
    expect(run.stderr).toBe(
      `cspops: no instance files in '${empty}': it holds no *.yaml or *.yml file\n  hint: point --dir at the folder of instance files (instances/ by default), or pass --allow-empty when an empty folder is expected\n`,
    );
  });

  it("accepts a folder without instance files with --allow-empty", async () => {
    const empty = join(scratch, "allowed-empty");
    await mkdir(empty, { recursive: true });

    const run = await runCli(["validate", "--dir", empty, "--allow-empty"], { cwd: scratch });

    expect(run.code).toBe(0);
    expect(run.stdout).toBe("no instance files found\n");
  });

  it("says in one line that Pulumi.yaml is not an instance file, instead of schema errors", async () => {
    const mixed = join(scratch, "mixed");
    await mkdir(mixed, { recursive: true });
    await copyFile(join(root, "Pulumi.yaml"), join(mixed, "Pulumi.yaml"));
    await copyFile(join(root, "instances/contoso-primary.yaml"), join(mixed, "contoso-primary.yaml"));
    await copyFile(join(root, "instances/contoso-sandbox.yaml"), join(mixed, "contoso-sandbox.yaml"));

    const run = await runCli(["validate", "--dir", "mixed"], { cwd: scratch });

    expect(run.code).toBe(0);
    expect(run.stdout).toBe(
      [
        "mixed/Pulumi.yaml:1:1 warning file.not-an-instance not an instance file (no `apiVersion: cspops/v1`, `kind: PartnerInstance`): skipped",
        "  hint: keep only instance files in the instances folder, or point --dir at the folder that holds them",
        "valid: 2 instance files, 1 warning",
        "",
      ].join("\n"),
    );
  });

  it("fails on the repository root, whose only YAML is Pulumi.yaml, and says so", async () => {
    const run = await runCli(["validate", "--dir", "."]);

    expect(run.code).toBe(1);
    expect(run.stderr).toContain(
      "cspops: no instance files in '.': Pulumi.yaml is not an instance file (no `apiVersion: cspops/v1`, `kind: PartnerInstance`)",
    );
    expect(run.stdout).not.toMatch(/schema\./);
  });

  it.each([
    [["validate", "--format", "xml"], /argument 'xml' is invalid/],
    [["validate", "--colour"], /unknown option '--colour'/],
  ])("exits 2 on a usage error: %s", async (args, message) => {
    const run = await runCli(args);

    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(message);
  });

  it("documents its options in --help", async () => {
    const run = await runCli(["validate", "--help"]);

    expect(run.code).toBe(0);
    expect(run.stdout).toContain("--dir <path>");
    expect(run.stdout).toContain("--allow-empty");
    expect(run.stdout).toContain('choices: "text", "json", "github"');
  });

  it("loads no Pulumi, Azure, Microsoft Graph or Octokit code", async () => {
    const trace = join(scratch, "loads.txt");
    await writeFile(trace, "");

    const run = await runCli(["validate"], {
      nodeArgs: ["--import", TRACE_HOOK],
      env: { CSPOPS_VALIDATE_TRACE: trace },
    });

    expect(run.code).toBe(0);
    const loaded = (await readFile(trace, "utf8")).split("\n").filter(Boolean);
    expect(loaded.some((url) => url.includes("/node_modules/commander/"))).toBe(true);
    expect(
      loaded.filter((url) => /\/node_modules\/@(pulumi|pulumiverse|azure|octokit|microsoft)\//.test(url)),
    ).toEqual([]);
  });

  it("does not load the yaml library for plain files with nothing to report", async () => {
    const trace = join(scratch, "loads-plain.txt");
    await writeFile(trace, "");
    const plainDir = join(scratch, "plain");
    await mkdir(plainDir);
    for (const name of ["contoso-primary.yaml", "contoso-sandbox.yaml"]) {
      await copyFile(join(root, "instances", name), join(plainDir, name));
    }

    const run = await runCli(["validate", "--dir", plainDir], {
      nodeArgs: ["--import", TRACE_HOOK],
      env: { CSPOPS_VALIDATE_TRACE: trace },
    });

    expect(run.code).toBe(0);
    expect(run.stderr).not.toContain("warning");
    const loaded = (await readFile(trace, "utf8")).split("\n").filter(Boolean);
    expect(loaded.some((url) => url.includes("/node_modules/js-yaml/"))).toBe(true);
    expect(loaded.filter((url) => url.includes("/node_modules/yaml/"))).toEqual([]);
  });

  it("loads the yaml library when a file needs it (a broken file, anchors, …)", async () => {
    const trace = join(scratch, "loads-broken.txt");
    await writeFile(trace, "");

    const run = await runCli(["validate", "--dir", invalidDir], {
      cwd: scratch,
      nodeArgs: ["--import", TRACE_HOOK],
      env: { CSPOPS_VALIDATE_TRACE: trace },
    });

    expect(run.code).toBe(1);
    expect((await readFile(trace, "utf8")).includes("/node_modules/yaml/")).toBe(true);
  });
});
