#!/usr/bin/env node
// Benchmark of `cspops validate` (the `validate` rows of README.md#performance): run against the built dist/ by `npm run bench`.
//   1. 10,000 instance files (5,000 primary/sandbox pairs): `cspops validate` as a whole process
//      and ajv-cli validating the same files against the same schema, interleaved in one run; the
//      row is cspops ÷ ajv-cli per pair of runs, for wall time and for CPU time (all threads);
//   2. the same with `CSPOPS_VALIDATE_THREADS=1` (one thread), to show what the workers bring;
//   3. `cspops validate` on 2 files: start-up, against `node -e 0` (Node's own start-up) measured
//      alongside;
//   4. `cspops validate` on each hostile 1 MB file of hostile.mjs (aliases, keys, nesting, …): the
//      worst shape's time, as a whole process and with the start-up (3) taken off.
// Each figure is the median of several runs with their range (min–max). CPU time is what the
// kernel accounts to the process and its threads (GNU time's %U + %S, from wait4's rusage), when
// /usr/bin/time is installed. Goals: (1) ≤ ×0.75 of ajv-cli, wall and CPU; (3) ≤ 100 ms; (4) < 1 s.
// Where the time goes, and what bounds it: bench/validate/PROFILE.md.
import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { availableParallelism, loadavg, tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { median } from "../stats.mjs";
import { generateInstances } from "./generate.mjs";
import { generateHostile } from "./hostile.mjs";

const root = join(dirname(fileURLToPath(import.meta.url)), "../..");
const cli = join(root, "dist/cli/main.js");
const ajvCli = join(root, "node_modules/ajv-cli/dist/index.js");
const schema = join(root, "schemas/partner-instance.schema.json");
const editorKeywords = join(root, "scripts/editor-keywords.cjs");
const GNU_TIME = "/usr/bin/time";
const PAIRS = 5_000;
const LARGE_RUNS = Number(process.env.BENCH_RUNS ?? 5);
const STARTUP_RUNS = 15;
const HOSTILE_BYTES = 1_000_000;
const HOSTILE_RUNS = 3;
const RATIO_GOAL = 0.75;
const STARTUP_GOAL_MS = 100;

/**
 * Every child (cspops, ajv-cli, bare node) runs without NODE_EXTRA_CA_CERTS: Node reads that bundle
 * at every start (about 90 ms on the development machine, whose environment points it at the whole
 * system bundle), and no tool here opens a TLS connection.
 */
const childEnvironment = Object.fromEntries(
  Object.entries(process.env).filter(([name]) => name !== "NODE_EXTRA_CA_CERTS"),
);

const scratch = mkdtempSync(join(tmpdir(), "cspops-bench-validate-"));
const timings = join(scratch, "time.txt");
const withCpu = existsSync(GNU_TIME);
try {
  const large = join(scratch, "large");
  const small = join(scratch, "small");
  generateInstances(large, PAIRS);
  generateInstances(small, 1);

  const cspops = (env = {}) => time([cli, "validate", "--dir", large], { env });
  const oneThread = () => cspops({ CSPOPS_VALIDATE_THREADS: "1" });
  const ajv = () =>
    time([
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
  const startup = () => time([cli, "validate", "--dir", small]);
  const bareNode = () => time(["-e", "0"]);

  // One warm-up of each (file-system cache, lazy disk reads), then interleaved measured runs, so
  // that load from other processes on the machine hits every tool alike.
  cspops();
  ajv();
  const cspopsRuns = [];
  const ajvRuns = [];
  const oneThreadRuns = [];
  for (let run = 0; run < LARGE_RUNS; run++) {
    cspopsRuns.push(cspops());
    ajvRuns.push(ajv());
    oneThreadRuns.push(oneThread());
  }
  const startupRuns = [];
  const nodeRuns = [];
  for (let run = 0; run < STARTUP_RUNS; run++) {
    startupRuns.push(startup());
    nodeRuns.push(bareNode());
  }
  // Each hostile file is invalid on purpose (exit 1): its output must stay small too.
  const hostile = generateHostile(join(scratch, "hostile"), HOSTILE_BYTES).map(({ shape, folder }) => {
    const runs = Array.from({ length: HOSTILE_RUNS }, () =>
      time([cli, "validate", "--dir", folder], { allowed: [0, 1] }),
    );
    return { shape, ms: median(runs.map((run) => run.ms)), output: runs[0].output, runs };
  });

  console.log(
    `cspops validate benchmark (node ${process.version}, ${availableParallelism()} cores, load average ${loadavg()[0].toFixed(2)} at the end)`,
  );
  console.log(`  files: ${PAIRS * 2} generated instance files (${PAIRS} primary/sandbox pairs)`);
  if (process.env.NODE_EXTRA_CA_CERTS) {
    console.log("  children run without NODE_EXTRA_CA_CERTS (Node reads it at every start; no TLS here)");
  }
  console.log(`  case | now (median, range of ${LARGE_RUNS} interleaved runs) | goal`);
  const wallRatios = cspopsRuns.map((run, index) => run.ms / ajvRuns[index].ms);
  const cpuRatios = withCpu ? cspopsRuns.map((run, index) => run.cpu / ajvRuns[index].cpu) : [];
  const wallRatio = median(wallRatios);
  const cpuRatio = withCpu ? median(cpuRatios) : Number.NaN;
  console.log(
    `  \`validate\`, ${PAIRS * 2} files, vs ajv-cli on the same files in one run | ×${wallRatio.toFixed(2)} wall (${range(wallRatios, 2)})${withCpu ? `, ×${cpuRatio.toFixed(2)} CPU (${range(cpuRatios, 2)})` : ", CPU not measured (no /usr/bin/time)"} | ≤ ×${RATIO_GOAL}${verdict(wallRatio <= RATIO_GOAL && (!withCpu || cpuRatio <= RATIO_GOAL))}`,
  );
  const start = median(startupRuns.map((run) => run.ms));
  console.log(
    `  \`validate\`, 2 files (start-up) | ${start.toFixed(0)} ms (${range(
      startupRuns.map((run) => run.ms),
      0,
    )} ms; \`node -e 0\` ${median(nodeRuns.map((run) => run.ms)).toFixed(0)} ms) | ≤ ${STARTUP_GOAL_MS} ms${verdict(start <= STARTUP_GOAL_MS)}`,
  );
  console.log("  figures behind the rows (median, range):");
  for (const [label, runs] of [
    ["cspops validate, all threads", cspopsRuns],
    ["cspops validate, one thread", oneThreadRuns],
    ["ajv-cli 5, same files and schema", ajvRuns],
  ]) {
    const wall = runs.map((run) => run.ms);
    const cpu = runs.map((run) => run.cpu);
    console.log(
      `    ${label.padEnd(34)} wall ${median(wall).toFixed(0).padStart(5)} ms (${range(wall, 0)})${withCpu ? `  CPU ${median(cpu).toFixed(0).padStart(5)} ms (${range(cpu, 0)})` : ""}`,
    );
  }
  const worst = hostile.reduce((a, b) => (b.ms > a.ms ? b : a));
  const largestOutput = Math.max(...hostile.map((entry) => entry.output));
  console.log(
    `  worst 1 MB hostile file (${worst.shape}) | ${worst.ms.toFixed(0)} ms (${range(
      worst.runs.map((run) => run.ms),
      0,
    )}; ${(worst.ms - start).toFixed(0)} ms after start-up) | < 1000 ms${verdict(worst.ms < 1000)}`,
  );
  console.log(
    `  hostile shapes: ${hostile.length} × ${HOSTILE_BYTES} bytes, largest output ${largestOutput} bytes; by shape (ms): ${hostile
      .map((entry) => `${entry.shape} ${entry.ms.toFixed(0)}`)
      .join(", ")}`,
  );
} finally {
  rmSync(scratch, { recursive: true, force: true });
}

/**
 * Runs `node ARGS` once: wall time (ms), CPU time of the process and all its threads (ms, user +
 * system, from GNU time) and its output's size. Another exit code than `allowed` stops the benchmark.
 */
function time(args, { env = {}, allowed = [0] } = {}) {
  const [command, commandArgs] = withCpu
    ? [GNU_TIME, ["-f", "%U %S", "-o", timings, process.execPath, ...args]]
    : [process.execPath, args];
  const started = process.hrtime.bigint();
  const run = spawnSync(command, commandArgs, {
    cwd: root,
    encoding: "utf8",
    maxBuffer: 64 * 1024 * 1024,
    env: { ...childEnvironment, ...env },
  });
  const elapsed = Number(process.hrtime.bigint() - started) / 1e6;
  if (!allowed.includes(run.status)) {
    throw new Error(
      `${args.slice(0, 2).join(" ")} exited with ${run.status}:\n${(run.stdout + run.stderr).slice(-2000)}`,
    );
  }
  // GNU time writes "Command exited with non-zero status N" first when the exit code is not 0.
  const cpu = withCpu
    ? readFileSync(timings, "utf8")
        .trim()
        .split("\n")
        .at(-1)
        .split(" ")
        .reduce((sum, seconds) => sum + Number(seconds) * 1000, 0)
    : Number.NaN;
  return { ms: elapsed, cpu, output: run.stdout.length + run.stderr.length };
}

function range(values, digits) {
  return `${Math.min(...values).toFixed(digits)}–${Math.max(...values).toFixed(digits)}`;
}

function verdict(met) {
  return met ? "  ✔ met" : "  ✘ missed";
}
