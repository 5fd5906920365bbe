import { readFileSync, rmSync } from "node:fs";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import {
  type CliHarness,
  EXAMPLES_SNAPSHOT,
  REPOSITORY,
  ROOT,
  startCliHarness,
} from "../emulator/github/cli-harness.js";
import { createContractChecker } from "../emulator/github/openapi-contract.js";
import { SNAPSHOT_CANARIES, writeHostileSnapshot } from "../support/hostile-snapshot.js";

const MARKER = "<!-- cspops:reconcile -->";
const NOW = "2026-11-20T10:00:00Z";
const RECONCILE = ["reconcile", "--observed", EXAMPLES_SNAPSHOT, "--comment"];
const CANARY_TOKEN = "ghs_CanaryToken0123456789abcdefghijklmnopq";
const READ_ONLY_CANARY = "ghs_ReadOnlyCanary0123456789abcdefghijklm";
// Shaped like an Entra client secret; the CLI must never echo it anywhere.
const CANARY_SECRET = "abc8Q~CanarySecretValue0123456789abcdefg";
const contract = createContractChecker();
let harness: CliHarness;

beforeEach(async () => {
  harness = await startCliHarness({
    files: ["instances/contoso-sandbox.yaml", "README.md"],
    emulator: {
      tokens: {
        "emulator-token": { login: "github-actions[bot]", access: "write" },
        [CANARY_TOKEN]: { login: "github-actions[bot]", access: "write" },
        [READ_ONLY_CANARY]: { login: "github-actions[bot]", access: "read" },
      },
    },
  });
});

afterEach(async () => {
  expect(contract.checkAll(harness.emulator.requests)).toEqual([]);
  await harness.close();
});

const comments = () => harness.emulator.state.commentsOn(REPOSITORY, harness.pull);
const ours = () => comments().filter((comment) => comment.body.includes(MARKER));

describe("cspops reconcile --comment", () => {
  it("creates one comment with the changed instance first, and keeps stdout for the report", async () => {
    harness.emulator.state.addComment(REPOSITORY, harness.pull, "Please check the sandbox too.");

    const run = await harness.run([...RECONCILE, "--now", NOW, "--format", "json"]);

    expect(run.code).toBe(0);
    expect(JSON.parse(run.stdout)).toMatchObject({ schemaVersion: 1 });
    expect(run.stderr).toContain(`cspops: commented on pull request #${harness.pull}: `);
    expect(ours()).toHaveLength(1);
    const body = ours()[0]?.body ?? "";
    expect(body.startsWith(MARKER)).toBe(true);
    expect(body.indexOf("contoso-sandbox — needs-consent (changed in this pull request)")).toBeLessThan(
      body.indexOf("fabrikam-china — blocked"),
    );
    expect(body).toContain("[grant consent to contoso-sandbox](https://login.microsoftonline.com/");
    expect(comments()[0]?.body).toBe("Please check the sandbox too.");
  });

  it("writes nothing on a rerun where only the time of the check differs", async () => {
    await harness.run([...RECONCILE, "--now", NOW]);
    const before = ours().map((comment) => [comment.id, comment.body]);
    harness.emulator.requests.length = 0;

    const rerun = await harness.run([...RECONCILE, "--now", "2026-11-20T16:30:00Z"]);

    expect(rerun.code).toBe(0);
    expect(rerun.stderr).toContain("is up to date");
    expect(harness.emulator.writes()).toEqual([]);
    expect(ours().map((comment) => [comment.id, comment.body])).toEqual(before);
  });

  it("edits the same comment when an instance's state changes", async () => {
    await harness.run([...RECONCILE, "--now", NOW]);
    const [first] = ours();

    // 2027-03-01 is more than 90 days after contoso-primary's last delegated sign-in.
    const later = await harness.run([...RECONCILE, "--now", "2027-03-01T10:00:00Z"]);

    expect(later.code).toBe(0);
    expect(later.stderr).toContain("updated the comment");
    expect(ours().map((comment) => comment.id)).toEqual([first?.id]);
    expect(ours()[0]?.body).toContain("contoso-primary — consent-expired");
    expect(harness.emulator.writes().map((request) => request.operationId)).toEqual([
      "issues/create-comment",
      "issues/update-comment",
    ]);
  });

  it("keeps the canary token and a canary client secret out of every request body, output and comment", async () => {
    const env = { GITHUB_TOKEN: CANARY_TOKEN, AZURE_CLIENT_SECRET: CANARY_SECRET };

    const ok = await harness.run([...RECONCILE, "--now", NOW, "--format", "markdown"], env);
    const denied = await harness.run([...RECONCILE, "--now", "2027-03-01T10:00:00Z"], {
      ...env,
      GITHUB_TOKEN: READ_ONLY_CANARY,
    });

    expect([ok.code, denied.code]).toEqual([0, 3]);
    const everything = [
      ok.stdout,
      ok.stderr,
      denied.stdout,
      denied.stderr,
      ...harness.emulator.requests.map((request) => `${request.path} ${request.requestBody}`),
      ...comments().map((comment) => comment.body),
    ].join("\n");
    for (const secret of [CANARY_TOKEN, READ_ONLY_CANARY, CANARY_SECRET])
      expect(everything).not.toContain(secret);
  });

  it("posts no credential, control byte or forged command from hostile snapshot data", async () => {
    const snapshot = join(harness.scratch, "hostile-snapshot.json");
    writeHostileSnapshot(snapshot);

    const run = await harness.run(["reconcile", "--observed", snapshot, "--comment", "--now", NOW]);

    expect(run.code).toBe(0);
    const body = ours()[0]?.body ?? "";
    expect(body).toContain("contoso-sandbox");
    const everything = [run.stdout, run.stderr, body].join("\n");
    for (const canary of SNAPSHOT_CANARIES) expect(everything).not.toContain(canary);
    // biome-ignore lint/suspicious/noControlCharactersInRegex: looking for control characters.
    expect(everything).not.toMatch(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/);
    expect(everything.split("\n").filter((line) => /^\s*::|##\[/.test(line))).toEqual([]);
  });

  it("comments on the pull request given with --pr, without an event file", async () => {
    const other = harness.emulator.state.addPullRequest(REPOSITORY, { files: [] });

    const run = await harness.run([...RECONCILE, "--now", NOW, "--pr", String(other)], {
      GITHUB_EVENT_PATH: "",
    });

    expect(run.code).toBe(0);
    expect(harness.emulator.state.commentsOn(REPOSITORY, other)).toHaveLength(1);
    expect(ours()).toEqual([]);
  });
});

describe("cspops reconcile --comment failures", () => {
  it.each([
    {
      case: "a read-only token (a fork's)",
      env: { GITHUB_TOKEN: READ_ONLY_CANARY },
      message: `cspops: the token may not comment on pull request #1 in ${REPOSITORY}`,
      hint: "`permissions: pull-requests: write`",
    },
    {
      case: "an unknown repository",
      env: { GITHUB_REPOSITORY: "octo-org/elsewhere" },
      message: "cspops: pull request #1 not found in octo-org/elsewhere, or the token cannot see it",
      hint: "check GITHUB_REPOSITORY",
    },
  ])("$case: exit 3, one message that says what to fix, no stack", async ({ env, message, hint }) => {
    const run = await harness.run([...RECONCILE, "--now", NOW], env);

    expect(run.code).toBe(3);
    expect(run.stderr).toContain(message);
    expect(run.stderr).toContain(hint);
    expect(run.stderr).not.toMatch(/\n\s+at /);
    expect(ours()).toEqual([]);
  });

  it("a used-up rate limit: exit 3 and until when", async () => {
    harness.emulator.rateLimit.remaining = 0;

    const run = await harness.run([...RECONCILE, "--now", NOW]);

    expect(run.code).toBe(3);
    expect(run.stderr).toContain("cspops: GitHub's rate limit stopped cspops");
    expect(run.stderr).toMatch(/until \d{4}-\d{2}-\d{2}T/);
    expect(run.stderr).not.toMatch(/\n\s+at /);
  });

  it("no pull request number: a usage error (exit 2) before any request", async () => {
    const run = await harness.run([...RECONCILE, "--now", NOW], { GITHUB_EVENT_PATH: undefined });

    expect(run.code).toBe(2);
    expect(run.stderr).toContain("--comment needs a pull request number");
    expect(harness.emulator.requests).toEqual([]);
  });
});

describe("loading Octokit", () => {
  const tracer = join(ROOT, "test/emulator/github/trace-package-loads.mjs");

  it("happens for `reconcile --comment` only", async () => {
    const trace = (name: string) => join(harness.scratch, name);

    await harness.run(["reconcile", "--observed", EXAMPLES_SNAPSHOT, "--now", NOW], {
      NODE_OPTIONS: `--import ${tracer}`,
      CSPOPS_TRACE_FILE: trace("plain.txt"),
    });
    await harness.run([...RECONCILE, "--now", NOW], {
      NODE_OPTIONS: `--import ${tracer}`,
      CSPOPS_TRACE_FILE: trace("comment.txt"),
    });

    const loaded = (name: string) => readFileSync(trace(name), "utf8");
    expect(loaded("plain.txt")).toContain("/node_modules/commander/");
    expect(loaded("plain.txt")).not.toContain("/node_modules/@octokit/");
    expect(loaded("comment.txt")).toContain("/node_modules/@octokit/rest/");
    rmSync(trace("plain.txt"));
  });
});
