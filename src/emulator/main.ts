#!/usr/bin/env node
import { readFile } from "node:fs/promises";
import { parseArgs } from "node:util";
import { parseSnapshot } from "../core/snapshot/parse-snapshot.js";
import type { ObservedSnapshot } from "../core/snapshot/snapshot.js";
import { FAULT_ARGS, FAULT_USAGE, readFaultArgs } from "./fault-args.js";
import { buildExampleSeed } from "./seeds/example-instances.js";
import { type EmulatedTenantSettings, startEmulator } from "./start-emulator.js";

const USAGE = `Usage: node dist/emulator/main.js [options]
  --seed FILE           snapshot (cspops observe --out format) to seed the tenants; default: the example instances
  --port N              port on 127.0.0.1 (default: a free one)
  --page-size N         largest Graph page (default 100)
  --latency-ms N        delay before every Graph request
${FAULT_USAGE}
                        (faults hit Graph requests and each $batch item)
  --forbid TENANT       answer 403 for this tenant (repeatable)
  --slow TENANT=MS      answer this tenant after MS milliseconds (repeatable)
  --throttle TENANT=N:S answer this tenant's first N Graph requests 429 with Retry-After S (repeatable)
Prints one JSON line on stdout when ready; point cspops at it with the env file it names.`;

/** Runs the Entra + Graph emulator until interrupted (for `npm start`'s second terminal, and benches). */
async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      seed: { type: "string" },
      port: { type: "string" },
      "page-size": { type: "string" },
      ...FAULT_ARGS,
      forbid: { type: "string", multiple: true },
      slow: { type: "string", multiple: true },
      throttle: { type: "string", multiple: true },
      help: { type: "boolean" },
    },
  });
  if (values.help === true) {
    process.stdout.write(`${USAGE}\n`);
    return;
  }
  const seed = values.seed === undefined ? buildExampleSeed(new Date()) : await readSeed(values.seed);
  const tenants: Record<string, EmulatedTenantSettings> = {};
  for (const tenantId of values.forbid ?? []) tenants[tenantId] = { forbidden: true };
  for (const entry of values.slow ?? []) {
    const [tenantId = "", ms = "0"] = entry.split("=");
    tenants[tenantId] = { ...tenants[tenantId], latencyMs: Number(ms) };
  }
  for (const entry of values.throttle ?? []) {
    const [tenantId = "", rule = ""] = entry.split("=");
    const [requests = "1", seconds = "1"] = rule.split(":");
    tenants[tenantId] = {
      ...tenants[tenantId],
      throttle: { requests: Number(requests), retryAfterSeconds: Number(seconds) },
    };
  }
  const emulator = await startEmulator({
    seed,
    ...(values.port === undefined ? {} : { port: Number(values.port) }),
    ...(values["page-size"] === undefined ? {} : { pageSize: Number(values["page-size"]) }),
    graphFaults: readFaultArgs(values),
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
  const cpuAtReady = process.cpuUsage();
  process.stderr.write(
    `cspops emulator (Microsoft Entra ID + Microsoft Graph) at ${emulator.authorityHost}\n` +
      `  point cspops at it:  set -a; . ${emulator.envFile}; set +a\n` +
      "  stop: Ctrl+C\n",
  );
  const stop = () => {
    // The last line on stdout: what reached the emulator, for benchmarks that count round trips,
    // and the CPU it spent answering (it shares the machine with what it serves).
    const cpu = process.cpuUsage(cpuAtReady);
    const cpuMs = (cpu.user + cpu.system) / 1000;
    process.stdout.write(`${JSON.stringify({ counters: emulator.state.counters, cpuMs })}\n`);
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
