// Preload for the validate CLI test (`node --import <this file> dist/cli/main.js validate`): appends
// the URL of every module loaded from node_modules to $CSPOPS_VALIDATE_TRACE, to prove that
// `validate` never loads Pulumi, Azure, Graph or Octokit code.
import { appendFileSync } from "node:fs";
import { register } from "node:module";
import { isMainThread } from "node:worker_threads";

if (isMainThread) register(import.meta.url);

export async function load(url, context, nextLoad) {
  if (url.includes("/node_modules/") && process.env.CSPOPS_VALIDATE_TRACE) {
    appendFileSync(process.env.CSPOPS_VALIDATE_TRACE, `${url}\n`);
  }
  return nextLoad(url, context);
}
