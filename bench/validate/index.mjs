#!/usr/bin/env node
// Benchmark of `cspops validate` (issue 3, "Speed"): run against the built dist/ by `npm run bench`.
//   1. 10,000 instance files (5,000 primary/sandbox pairs), `cspops validate` as a whole process;
//   2. ajv-cli validating the same files against the same schema, in the same run;
//   3. `cspops validate` on 2 files: start-up.
// Each figure is the median of several runs, interleaved so that load from other processes on the
// machine hits both tools alike. Goals: (1) ≤ 2 s and ≤ (2); (3) ≤ 150 ms.
import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { loadavg, tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { generateInstances } from "./generate.mjs";

const root = join(dirname(fileURLToPath(import.meta.url)), "../..");
const cli = join(root, "dist/cli/main.js");
const ajvCli = join(root, "node_modules/ajv-cli/dist/index.js");
const schema = join(root, "schemas/partner-instance.schema.json");
const editorKeywords = join(root, "scripts/editor-keywords.cjs");
const PAIRS = 5_000;
const LARGE_RUNS = Number(process.env.BENCH_RUNS ?? 5);
const STARTUP_RUNS = 11;

const scratch = mkdtempSync(join(tmpdir(), "cspops-bench-validate-"));
try {
  const large = join(scratch, "large");
  const small = join(scratch, "small");
  generateInstances(large, PAIRS);
  generateInstances(small, 1);

  const cspops = () => time(process.execPath, [cli, "validate", "--dir", large]);
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
    ]);
  const startup = () => time(process.execPath, [cli, "validate", "--dir", small]);

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
} finally {
  rmSync(scratch, { recursive: true, force: true });
}

/** Wall time of one process, in ms; a failure (non-zero exit) stops the benchmark. */
function time(command, args) {
  const started = process.hrtime.bigint();
  const run = spawnSync(command, args, { cwd: root, encoding: "utf8", maxBuffer: 64 * 1024 * 1024 });
  const elapsed = Number(process.hrtime.bigint() - started) / 1e6;
  if (run.status !== 0) {
    throw new Error(
      `${args.slice(0, 2).join(" ")} exited with ${run.status}:\n${(run.stdout + run.stderr).slice(-2000)}`,
    );
  }
  return elapsed;
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
