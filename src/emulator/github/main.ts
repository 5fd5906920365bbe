#!/usr/bin/env node
import { parseArgs } from "node:util";
import { FAULT_ARGS, FAULT_USAGE, readFaultArgs } from "../fault-args.js";
import { startGitHubEmulator } from "./github-emulator.js";

const USAGE = `Usage: node dist/emulator/github/main.js [options]
  --port N              port on 127.0.0.1 (default: a free one)
  --repository O/R      the repository (default octo-org/partner-config)
  --pr-files LIST       files the seeded pull request #1 changes, comma-separated
                        (default instances/contoso-sandbox.yaml)
  --read-only           the token may read but not write (a fork's pull request)
  --latency-ms N        delay before every request
${FAULT_USAGE}
Prints one JSON line on stdout when ready (url, token, repository, pull request, env), then one
line on stderr per write; Ctrl+C prints the comments and issues cspops left, and stops.`;

const TOKEN = "emulator-token";

/** Runs the GitHub REST emulator until interrupted, for trying `reconcile --comment` and `drift --issue` by hand. */
async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      port: { type: "string" },
      repository: { type: "string", default: "octo-org/partner-config" },
      "pr-files": { type: "string", default: "instances/contoso-sandbox.yaml" },
      "read-only": { type: "boolean", default: false },
      ...FAULT_ARGS,
      help: { type: "boolean" },
    },
  });
  if (values.help === true) {
    process.stdout.write(`${USAGE}\n`);
    return;
  }
  const repository = values.repository ?? "octo-org/partner-config";
  const emulator = await startGitHubEmulator({
    repositories: [repository],
    ...(values.port === undefined ? {} : { port: Number(values.port) }),
    tokens: {
      [TOKEN]: { login: "github-actions[bot]", access: values["read-only"] === true ? "read" : "write" },
    },
    faults: readFaultArgs(values),
  });
  const files = (values["pr-files"] ?? "").split(",").filter((file) => file !== "");
  const pull = emulator.state.addPullRequest(repository, { files });
  const env = { GITHUB_API_URL: emulator.url, GITHUB_TOKEN: TOKEN, GITHUB_REPOSITORY: repository };
  process.stdout.write(
    `${JSON.stringify({ url: emulator.url, token: TOKEN, repository, pullRequest: pull, env })}\n`,
  );
  process.stderr.write(
    `cspops GitHub emulator at ${emulator.url} (${repository}, pull request #${pull})\n` +
      `  point cspops at it:  export ${Object.entries(env)
        .map(([name, value]) => `${name}=${value}`)
        .join(" ")}\n` +
      `  then: npx cspops reconcile --observed examples/snapshot.json --comment --pr ${pull}\n  stop: Ctrl+C\n`,
  );

  let reported = 0;
  const timer = setInterval(() => {
    for (const request of emulator.requests.slice(reported)) {
      if (request.method !== "GET")
        process.stderr.write(`  ${request.method} ${request.path} → ${request.status}\n`);
    }
    reported = emulator.requests.length;
  }, 200);
  const stop = () => {
    clearInterval(timer);
    for (const comment of emulator.state.commentsOn(repository, pull)) {
      process.stdout.write(
        `\n--- comment ${comment.id} on #${pull} by ${comment.user.login} ---\n${comment.body}\n`,
      );
    }
    for (const issue of emulator.state.issuesOf(repository)) {
      process.stdout.write(
        `\n--- issue #${issue.number} (${issue.state}) ${issue.title} ---\n${issue.body ?? ""}\n`,
      );
    }
    void emulator.close().then(() => process.exit(0));
  };
  process.once("SIGINT", stop);
  process.once("SIGTERM", stop);
}

main().catch((error: unknown) => {
  process.stderr.write(`cspops GitHub emulator: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exitCode = 1;
});
