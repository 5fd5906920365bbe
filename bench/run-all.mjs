#!/usr/bin/env node
// Runs every benchmark (bench/<topic>/index.mjs) one after another against the built dist/.
// Figures are printed by each benchmark; this runner only sequences them and reports failures.
import { spawnSync } from "node:child_process";
import { existsSync, readdirSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const benchDir = dirname(fileURLToPath(import.meta.url));
const root = join(benchDir, "..");
const only = process.argv.slice(2);

const build = spawnSync("npm", ["run", "build", "--silent"], { cwd: root, stdio: "inherit" });
if (build.status !== 0) process.exit(build.status ?? 1);

const topics = readdirSync(benchDir, { withFileTypes: true })
  .filter((entry) => entry.isDirectory() && existsSync(join(benchDir, entry.name, "index.mjs")))
  .map((entry) => entry.name)
  .filter((name) => only.length === 0 || only.includes(name))
  .sort();

let failed = 0;
for (const topic of topics) {
  console.log(`\n=== bench/${topic} ===`);
  const run = spawnSync(process.execPath, [join(benchDir, topic, "index.mjs")], {
    cwd: root,
    stdio: "inherit",
  });
  if (run.status !== 0) {
    failed++;
    console.log(`bench/${topic} exited with ${run.status}`);
  }
}
process.exit(failed === 0 ? 0 : 1);
