#!/usr/bin/env node
// Benchmark of the PR comment: `cspops reconcile --observed … --comment` as a
// whole process against the GitHub emulator, at 10 and 2,000 instances, for a pull request that
// changes 2 instance files and for one that changes all of them, under 30 other comments.
// Prints, per case: requests and writes of the first run (creates), an unchanged rerun (goal: 0
// writes) and a run after a state change (goal: 1 write), and the median time of a run.
// Runs the built dist/ (`npm run build` first, or `npm run bench`, which builds).
import { execFile } from "node:child_process";
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { loadavg, tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { startGitHubEmulator } from "../../dist/emulator/github/github-emulator.js";
import { generateInstances } from "../validate/generate.mjs";

const root = fileURLToPath(new URL("../..", import.meta.url));
const cli = join(root, "dist/cli/main.js");
const REPOSITORY = "octo-org/partner-config";
const SIZES = [10, 2_000];
const TIMED_RUNS = Number(process.env.BENCH_RUNS ?? 3);
const MARKER = "<!-- cspops:reconcile -->";

const scratch = mkdtempSync(join(tmpdir(), "cspops-bench-comment-"));
const rows = [];
try {
  for (const size of SIZES) {
    const dir = join(scratch, `instances-${size}`);
    generateInstances(dir, size / 2);
    const files = readdirSync(dir).map((file) => `instances/${file}`);
    // No tenant observed: every instance is `unknown`, the case with the longest sections.
    const unobserved = writeSnapshot(`unobserved-${size}.json`, {});
    const firstTenant = /tenantId: (\S+)/.exec(readFirst(dir))?.[1];
    const denied = writeSnapshot(`denied-${size}.json`, {
      [firstTenant]: {
        error: { status: 403, code: "Authorization_RequestDenied", message: "Insufficient privileges." },
      },
    });
    for (const [shape, changed] of [
      ["2 changed", files.slice(0, 2)],
      ["all changed", files],
    ]) {
      rows.push(await measure({ size, shape, dir, changed, unobserved, denied }));
    }
  }
} finally {
  rmSync(scratch, { recursive: true, force: true });
}

console.log(
  `cspops reconcile --comment benchmark (node ${process.version}, load average ${loadavg()[0].toFixed(2)})`,
);
console.log("  requests / writes per run against the GitHub emulator; time = whole CLI process, median");
console.log(
  "  instances  PR files     first run   unchanged   changed    body chars  run time  (GitHub part)",
);
for (const row of rows) {
  console.log(
    `  ${String(row.size).padStart(9)}  ${row.shape.padEnd(11)}  ${cell(row.first)}  ${cell(row.unchanged)}  ${cell(row.changed)}  ${String(row.bodyChars).padStart(10)}  ${`${row.ms} ms`.padStart(8)}  (${row.githubMs} ms)`,
  );
}
const failures = rows.flatMap((row) => [
  ...(row.unchanged.writes === 0
    ? []
    : [`${row.size}/${row.shape}: unchanged rerun wrote ${row.unchanged.writes}`]),
  ...(row.changed.writes === 1 ? [] : [`${row.size}/${row.shape}: changed run wrote ${row.changed.writes}`]),
  ...(row.first.writes === 1 ? [] : [`${row.size}/${row.shape}: first run wrote ${row.first.writes}`]),
  ...(row.bodyChars <= 65_536 ? [] : [`${row.size}/${row.shape}: body of ${row.bodyChars} characters`]),
]);
console.log(
  failures.length === 0
    ? "  goals met: 1 write first, 0 unchanged, 1 changed; body ≤ 65,536"
    : failures.join("\n"),
);
process.exit(failures.length === 0 ? 0 : 1);

async function measure({ size, shape, dir, changed, unobserved, denied }) {
  const emulator = await startGitHubEmulator({ repositories: [REPOSITORY] });
  try {
    const pull = emulator.state.addPullRequest(REPOSITORY, { files: changed });
    for (let index = 0; index < 30; index += 1)
      emulator.state.addComment(REPOSITORY, pull, `Review remark ${index}`);
    const env = {
      ...process.env,
      GITHUB_TOKEN: "emulator-token",
      GITHUB_REPOSITORY: REPOSITORY,
      GITHUB_API_URL: emulator.url,
      NO_COLOR: "1",
    };
    const run = async (snapshot, now) => {
      const from = emulator.requests.length;
      const started = performance.now();
      const code = await runCli(
        [
          "reconcile",
          "--dir",
          dir,
          "--observed",
          snapshot,
          "--now",
          now,
          "--comment",
          "--pr",
          String(pull),
          "--format",
          "json",
        ],
        env,
      );
      const ms = performance.now() - started;
      if (code !== 0) throw new Error(`cspops exited ${code}`);
      const requests = emulator.requests.slice(from);
      const github = requests.length === 0 ? 0 : requests.at(-1).answeredAt - requests[0].receivedAt;
      return {
        requests: requests.length,
        writes: requests.filter((r) => r.method !== "GET").length,
        ms,
        github,
      };
    };
    const first = await run(unobserved, "2026-11-20T10:00:00Z");
    const unchangedRuns = [];
    for (let index = 0; index < TIMED_RUNS; index += 1) {
      unchangedRuns.push(await run(unobserved, `2026-11-20T1${index + 1}:00:00Z`));
    }
    const changedRun = await run(denied, "2026-11-21T10:00:00Z");
    const body = emulator.state.commentsOn(REPOSITORY, pull).find((c) => c.body.includes(MARKER))?.body ?? "";
    const unchanged = unchangedRuns.at(-1);
    return {
      size,
      shape,
      first,
      unchanged: { requests: unchanged.requests, writes: Math.max(...unchangedRuns.map((r) => r.writes)) },
      changed: changedRun,
      bodyChars: body.length,
      ms: Math.round(median(unchangedRuns.map((r) => r.ms))),
      githubMs: Math.round(median(unchangedRuns.map((r) => r.github))),
    };
  } finally {
    await emulator.close();
  }
}

function cell({ requests, writes }) {
  return `${String(requests).padStart(3)} req ${writes} w`.padEnd(10);
}

function writeSnapshot(name, tenants) {
  const path = join(scratch, name);
  writeFileSync(path, JSON.stringify({ schemaVersion: 1, observedAt: "2026-11-20T09:55:00Z", tenants }));
  return path;
}

function readFirst(dir) {
  const [first] = readdirSync(dir).sort();
  return readFileSync(join(dir, first), "utf8");
}

function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}

function runCli(args, env) {
  return new Promise((resolve) => {
    execFile(process.execPath, [cli, ...args], { cwd: root, env, maxBuffer: 64 * 1024 * 1024 }, (error) => {
      resolve(typeof error?.code === "number" ? error.code : 0);
    });
  });
}
