#!/usr/bin/env node
import { readFile } from "node:fs/promises";
import { parseArgs } from "node:util";
import { parseSnapshot } from "../core/parse-snapshot.js";
import type { ObservedSnapshot } from "../core/snapshot.js";
import type { FaultKind } from "./faults.js";
import { buildExampleSeed } from "./seeds/example-instances.js";
import { startEmulator } from "./start-emulator.js";

const USAGE = `Usage: node dist/emulator/main.js [options]
  --seed FILE           snapshot (cspops observe --out format) to seed the tenants; default: the example instances
  --port N              port on 127.0.0.1 (default: a free one)
  --page-size N         largest Graph page (default 100)
  --latency-ms N        delay before every Graph request
  --failure-rate R      share of Graph requests (and batch items) that fail, 0..1
  --faults LIST         kinds to inject, comma-separated: 429,500,502,503,drop (default: all)
  --retry-after S       Retry-After seconds on injected 429/503 (default 1)
  --forbid TENANT       answer 403 for this tenant (repeatable)
  --slow TENANT=MS      answer this tenant after MS milliseconds (repeatable)
Prints one JSON line on stdout when ready; point cspops at it with the env file it names.`;

/** Runs the Entra + Graph emulator until interrupted (for `npm start`'s second terminal, and benches). */
async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      seed: { type: "string" },
      port: { type: "string" },
      "page-size": { type: "string" },
      "latency-ms": { type: "string" },
      "failure-rate": { type: "string" },
      faults: { type: "string" },
      "retry-after": { type: "string" },
      forbid: { type: "string", multiple: true },
      slow: { type: "string", multiple: true },
      help: { type: "boolean" },
    },
  });
  if (values.help === true) {
    process.stdout.write(`${USAGE}\n`);
    return;
  }
  const seed = values.seed === undefined ? buildExampleSeed(new Date()) : await readSeed(values.seed);
  const tenants: Record<string, { forbidden?: boolean; latencyMs?: number }> = {};
  for (const tenantId of values.forbid ?? []) tenants[tenantId] = { forbidden: true };
  for (const entry of values.slow ?? []) {
    const [tenantId = "", ms = "0"] = entry.split("=");
    tenants[tenantId] = { ...tenants[tenantId], latencyMs: Number(ms) };
  }
  const emulator = await startEmulator({
    seed,
    ...(values.port === undefined ? {} : { port: Number(values.port) }),
    ...(values["page-size"] === undefined ? {} : { pageSize: Number(values["page-size"]) }),
    graphFaults: {
      latencyMs: Number(values["latency-ms"] ?? 0),
      failureRate: Number(values["failure-rate"] ?? 0),
      ...(values.faults === undefined ? {} : { kinds: values.faults.split(",") as FaultKind[] }),
      retryAfterSeconds: Number(values["retry-after"] ?? 1),
    },
    tenants,
  });
  const ready = {
    authorityHost: emulator.authorityHost,
    graphUrl: emulator.graphUrl,
    caFile: emulator.caFile,
    envFile: emulator.envFile,
    tenants: emulator.state.tenants.size,
  };
  process.stdout.write(`${JSON.stringify(ready)}\n`);
  process.stderr.write(
    `cspops emulator (Microsoft Entra ID + Microsoft Graph) at ${emulator.authorityHost}\n` +
      `  point cspops at it:  set -a; . ${emulator.envFile}; set +a\n` +
      "  stop: Ctrl+C\n",
  );
  const stop = () => {
    // The last line on stdout: what reached the emulator, for benchmarks that count round trips.
    process.stdout.write(`${JSON.stringify({ counters: emulator.state.counters })}\n`);
    void emulator.close().then(() => process.exit(0));
  };
  process.once("SIGINT", stop);
  process.once("SIGTERM", stop);
}

async function readSeed(path: string): Promise<ObservedSnapshot> {
  const result = parseSnapshot(await readFile(path, "utf8"));
  if (!result.ok) {
    throw new Error(
      `${path} is not a snapshot: ${result.problems.map((problem) => `${problem.path} ${problem.message}`).join("; ")}`,
    );
  }
  return result.snapshot;
}

main().catch((error: unknown) => {
  process.stderr.write(`cspops emulator: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exitCode = 1;
});
