#!/usr/bin/env node
// Benchmark of `cspops validate` (issue 3, "Speed"): run against the built dist/ by `npm run bench`.
//   1. 10,000 instance files (5,000 primary/sandbox pairs), `cspops validate` as a whole process;
//   2. ajv-cli validating the same files against the same schema, in the same run;
//   3. `cspops validate` on 2 files: start-up;
//   4. `cspops validate` on each hostile 1 MB file of hostile.mjs (aliases, keys, nesting, …): the
//      worst shape's time, as a whole process and with the start-up (3) taken off.
// Each figure is the median of several runs, interleaved so that load from other processes on the
// machine hits both tools alike. Goals: (1) ≤ 2 s and ≤ (2); (3) ≤ 150 ms; (4) < 1 s.
import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { loadavg, tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { generateInstances } from "./generate.mjs";
import { generateHostile } from "./hostile.mjs";

const root = join(dirname(fileURLToPath(import.meta.url)), "../..");
const cli = join(root, "dist/cli/main.js");
const ajvCli = join(root, "node_modules/ajv-cli/dist/index.js");
const schema = join(root, "schemas/partner-instance.schema.json");
const editorKeywords = join(root, "scripts/editor-keywords.cjs");
const PAIRS = 5_000;
const LARGE_RUNS = Number(process.env.BENCH_RUNS ?? 5);
const STARTUP_RUNS = 11;
const HOSTILE_BYTES = 1_000_000;
const HOSTILE_RUNS = 3;

const scratch = mkdtempSync(join(tmpdir(), "cspops-bench-validate-"));
try {
  const large = join(scratch, "large");
  const small = join(scratch, "small");
  generateInstances(large, PAIRS);
  generateInstances(small, 1);

  const cspops = () => time(process.execPath, [cli, "validate", "--dir", large]).ms;
  const ajv = () =>
    time(process.execPath, [
      ajvCli,
      "validate",
      "--spec=draft2020",
      "-c",
      editorKeywords,
      "-s",
      schema,
      "-d",
      `${large}/*.yaml`,
    ]).ms;
  const startup = () => time(process.execPath, [cli, "validate", "--dir", small]).ms;

  // One warm-up of each (file-system cache, lazy disk reads), then interleaved measured runs.
  cspops();
  ajv();
  const cspopsRuns = [];
  const ajvRuns = [];
  for (let run = 0; run < LARGE_RUNS; run++) {
    cspopsRuns.push(cspops());
    ajvRuns.push(ajv());
  }
  const startupRuns = Array.from({ length: STARTUP_RUNS }, startup);
  // Each hostile file is invalid on purpose (exit 1): its output must stay small too.
  const hostile = generateHostile(join(scratch, "hostile"), HOSTILE_BYTES).map(({ shape, folder }) => {
    const runs = Array.from({ length: HOSTILE_RUNS }, () =>
      time(process.execPath, [cli, "validate", "--dir", folder], [0, 1]),
    );
    return { shape, ms: median(runs.map((run) => run.ms)), output: runs[0].output, runs };
  });

  const large10k = median(cspopsRuns);
  const ajv10k = median(ajvRuns);
  const start = median(startupRuns);
  console.log(`cspops validate benchmark (node ${process.version}, load average ${loadavg()[0].toFixed(2)})`);
  console.log(`  files: ${PAIRS * 2} generated instance files (${PAIRS} primary/sandbox pairs)`);
  row(
    `cspops validate, ${PAIRS * 2} files`,
    large10k,
    cspopsRuns,
    `goal ≤ 2000 ms and ≤ ajv-cli`,
    large10k <= 2000 && large10k <= ajv10k,
  );
  row(`ajv-cli 5, same files and schema`, ajv10k, ajvRuns, "reference", undefined);
  row("cspops validate, 2 files (start-up)", start, startupRuns, "goal ≤ 150 ms", start <= 150);
  console.log(`  cspops vs ajv-cli: ${((large10k / ajv10k) * 100).toFixed(0)}% of ajv-cli's time`);
  const worst = hostile.reduce((a, b) => (b.ms > a.ms ? b : a));
  const largestOutput = Math.max(...hostile.map((entry) => entry.output));
  row(
    `worst 1 MB hostile file (${worst.shape})`,
    worst.ms,
    worst.runs.map((run) => run.ms),
    `goal < 1000 ms; ${(worst.ms - start).toFixed(0)} ms after start-up`,
    worst.ms < 1000,
  );
  console.log(
    `  hostile shapes: ${hostile.length} × ${HOSTILE_BYTES} bytes, largest output ${largestOutput} bytes; by shape (ms): ${hostile
      .map((entry) => `${entry.shape} ${entry.ms.toFixed(0)}`)
      .join(", ")}`,
  );
} finally {
  rmSync(scratch, { recursive: true, force: true });
}

/** Wall time of one process, in ms, and its output's size; another exit code stops the benchmark. */
function time(command, args, allowed = [0]) {
  const started = process.hrtime.bigint();
  const run = spawnSync(command, args, { cwd: root, encoding: "utf8", maxBuffer: 64 * 1024 * 1024 });
  const elapsed = Number(process.hrtime.bigint() - started) / 1e6;
  if (!allowed.includes(run.status)) {
    throw new Error(
      `${args.slice(0, 2).join(" ")} exited with ${run.status}:\n${(run.stdout + run.stderr).slice(-2000)}`,
    );
  }
  return { ms: elapsed, output: run.stdout.length + run.stderr.length };
}

function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = sorted.length >> 1;
  return sorted.length % 2 === 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
}

function row(label, value, runs, goal, met) {
  const verdict = met === undefined ? "" : met ? "  ✔ met" : "  ✘ missed";
  const spread = `min ${Math.min(...runs).toFixed(0)} / max ${Math.max(...runs).toFixed(0)}`;
  console.log(
    `  ${label.padEnd(38)} ${value.toFixed(0).padStart(6)} ms median (${spread}, ${runs.length} runs)  ${goal}${verdict}`,
  );
}
