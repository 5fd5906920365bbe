// Preload for CLI tests (`node --import <this file> dist/cli/main.js …`): appends the URL of every
// module loaded from node_modules to $CSPOPS_TRACE_FILE, to prove which SDKs a command loads.
import { appendFileSync } from "node:fs";
import { register } from "node:module";
import { isMainThread } from "node:worker_threads";

if (isMainThread) register(import.meta.url);

export async function load(url, context, nextLoad) {
  if (url.includes("/node_modules/") && process.env.CSPOPS_TRACE_FILE) {
    appendFileSync(process.env.CSPOPS_TRACE_FILE, `${url}\n`);
  }
  return nextLoad(url, context);
}
