#!/usr/bin/env node
// Writes examples/snapshot.json: what `cspops observe --out` records for the example instances in
// instances/, taken from the emulator's seed (src/emulator/seeds/example-instances.ts) as observed on
// OBSERVED_AT. README's examples and the CLI's offline hint use it (docs/snapshot.md);
// test/examples/example-snapshot.test.ts fails when it is stale.
// Run after `npm run build`: node scripts/generate-example-snapshot.mjs
import { writeFileSync } from "node:fs";
import { fileURLToPath } from "node:url";

/** The instant the example snapshot was "observed": the README's `--now`. */
export const OBSERVED_AT = "2026-11-20T10:00:00.000Z";
export const EXAMPLE_SNAPSHOT_FILE = fileURLToPath(new URL("../examples/snapshot.json", import.meta.url));

/** The file's text for the seed builder given (`buildExampleSeed`, from src/ or dist/). */
export function renderExampleSnapshot(buildExampleSeed) {
  return `${JSON.stringify(buildExampleSeed(new Date(OBSERVED_AT)), null, 2)}\n`;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const { buildExampleSeed } = await import("../dist/emulator/seeds/example-instances.js");
  writeFileSync(EXAMPLE_SNAPSHOT_FILE, renderExampleSnapshot(buildExampleSeed));
  process.stdout.write(`wrote ${EXAMPLE_SNAPSHOT_FILE}\n`);
}
