// One observation in its own process, so that its memory is measured alone (the emulator runs
// in another process). Reads the instances from BENCH_INSTANCES, the previous snapshot (if any)
// from BENCH_PREVIOUS, and the emulator's address and daemon app from the environment;
// BENCH_IN_FLIGHT, when set, replaces the ceiling of requests in flight. Prints one JSON line
// with the figures.
import { readFile } from "node:fs/promises";
import { performance } from "node:perf_hooks";
import { getHeapStatistics } from "node:v8";
import { createClientSecretCredential } from "../../dist/adapters/graph/create-credential.js";
import { createGraphObserver } from "../../dist/adapters/graph/graph-observer.js";
import { knownAppIds } from "../../dist/core/snapshot/known-app-ids.js";

const env = process.env;
const instances = JSON.parse(await readFile(env.BENCH_INSTANCES, "utf8"));
const caCertPem = await readFile(env.BENCH_CA_FILE, "utf8");

let peakHeap = 0;
const sampler = setInterval(() => {
  // v8's own figure: process.memoryUsage() would read /proc on every sample, inside the timing.
  peakHeap = Math.max(peakHeap, getHeapStatistics().used_heap_size);
}, 10);

const observer = createGraphObserver({
  credentialFor: ({ tenantId, agent }) =>
    createClientSecretCredential(
      { tenantId, clientId: env.AZURE_CLIENT_ID, clientSecret: env.AZURE_CLIENT_SECRET },
      { authorityHost: env.CSPOPS_AUTHORITY_HOST, customAuthority: true, agent },
    ),
  graphUrlFor: () => env.CSPOPS_GRAPH_URL,
  ...(env.BENCH_IN_FLIGHT ? { maxRequestsInFlight: Number(env.BENCH_IN_FLIGHT) } : {}),
  caCertPem,
  knownSecrets: [env.AZURE_CLIENT_SECRET],
});

const started = performance.now();
const cpuBefore = process.cpuUsage();
// As `observe --previous` does: the app ids come from the file, inside the timing, and the
// previous snapshot itself is not kept.
const known = env.BENCH_PREVIOUS === undefined ? undefined : await readKnownAppIds(env.BENCH_PREVIOUS);
const snapshot = await observer.observeTenants(instances, { knownAppIds: known });
const elapsedMs = performance.now() - started;
const cpu = process.cpuUsage(cpuBefore);
clearInterval(sampler);
peakHeap = Math.max(peakHeap, getHeapStatistics().used_heap_size);

const tenants = Object.values(snapshot.tenants);

async function readKnownAppIds(file) {
  return knownAppIds(JSON.parse(await readFile(file, "utf8")), instances);
}
process.stdout.write(
  `${JSON.stringify({
    elapsedMs,
    cpuMs: (cpu.user + cpu.system) / 1000,
    tenants: tenants.length,
    tenantsWithError: tenants.filter((tenant) => tenant.error !== undefined || tenant.errors !== undefined)
      .length,
    maxRssMb: process.resourceUsage().maxRSS / 1024,
    peakHeapMb: peakHeap / 1024 / 1024,
  })}\n`,
);
