// One observation in its own process, so that its memory is measured alone (the emulator runs
// in another process). Reads the instances from BENCH_INSTANCES and the emulator's address and
// daemon app from the environment; prints one JSON line with the figures.
import { readFile } from "node:fs/promises";
import { performance } from "node:perf_hooks";
import { getHeapStatistics } from "node:v8";
import { createClientSecretCredential } from "../../dist/adapters/graph/create-credential.js";
import { createGraphObserver } from "../../dist/adapters/graph/graph-observer.js";

const env = process.env;
const instances = JSON.parse(await readFile(env.BENCH_INSTANCES, "utf8"));
const caCertPem = await readFile(env.BENCH_CA_FILE, "utf8");
const inFlight = env.BENCH_IN_FLIGHT ? Number(env.BENCH_IN_FLIGHT) : undefined;

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
  caCertPem,
  maxRequestsInFlight: inFlight,
  knownSecrets: [env.AZURE_CLIENT_SECRET],
});

const started = performance.now();
const snapshot = await observer.observeTenants(instances);
const elapsedMs = performance.now() - started;
clearInterval(sampler);
peakHeap = Math.max(peakHeap, getHeapStatistics().used_heap_size);

const tenants = Object.values(snapshot.tenants);
process.stdout.write(
  `${JSON.stringify({
    elapsedMs,
    tenants: tenants.length,
    tenantsWithError: tenants.filter((tenant) => tenant.error !== undefined || tenant.errors !== undefined)
      .length,
    maxRssMb: process.resourceUsage().maxRSS / 1024,
    peakHeapMb: peakHeap / 1024 / 1024,
  })}\n`,
);
