import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { type CliHarness, EXAMPLES_SNAPSHOT, ROOT, startCliHarness } from "../emulator/github/cli-harness.js";

/** A local incoming webhook: answers each POST with the next of `answers` (then 200), records bodies. */
interface Hook {
  readonly url: string;
  readonly bodies: unknown[];
  close(): Promise<void>;
}

async function startHook(answers: readonly (number | "silent")[] = []): Promise<Hook> {
  const bodies: unknown[] = [];
  const queue = [...answers];
  const server: Server = createServer((request: IncomingMessage, response: ServerResponse) => {
    const chunks: Buffer[] = [];
    request.on("data", (chunk: Buffer) => chunks.push(chunk));
    request.on("end", () => {
      bodies.push(JSON.parse(Buffer.concat(chunks).toString("utf8")));
      const answer = queue.shift() ?? 200;
      if (answer === "silent") return;
      response.writeHead(answer, answer === 429 ? { "retry-after": "0" } : {}).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    // The path stands for the secret part of a real webhook URL: it must never be printed.
    url: `http://127.0.0.1:${port}/services/T0001/B0001/CANARYwebhookSECRET`,
    bodies,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

let harness: CliHarness;
let hook: Hook | undefined;
let dir: string;

beforeEach(async () => {
  harness = await startCliHarness();
  dir = join(harness.scratch, "instances");
  mkdirSync(dir);
  const text = readFileSync(join(ROOT, "instances/contoso-primary.yaml"), "utf8").replace(
    /^metadata:\n/m,
    "metadata:\n  owners: ['@adele-vance']\n",
  );
  writeFileSync(join(dir, "contoso-primary.yaml"), text);
});

afterEach(async () => {
  await hook?.close();
  hook = undefined;
  await harness.close();
});

const drift = (now: string, args: readonly string[], env: Record<string, string> = {}) =>
  harness.run(
    ["drift", "--issue", "--observed", EXAMPLES_SNAPSHOT, "--dir", dir, "--now", now, ...args],
    env,
  );

describe("drift --notify-webhook", () => {
  it("posts the worsening as cspops's generic JSON, and nothing when nothing changed", async () => {
    // All ready and no dashboard yet: nothing stored, so the first problem arrives as "now …".
    hook = await startHook();
    await drift("2026-11-20T10:00:00Z", ["--notify-webhook", hook.url]);

    const worse = await drift("2027-01-28T10:00:00Z", ["--notify-webhook", hook.url]);
    const same = await drift("2027-01-28T12:00:00Z", ["--notify-webhook", hook.url]);

    expect(worse.code).toBe(4);
    expect(same.code).toBe(4);
    expect(hook.bodies).toEqual([
      {
        schemaVersion: 1,
        event: "worsened",
        text: "cspops: 1 partner instance got worse",
        issueUrl: expect.stringMatching(/^http:\/\/127\.0\.0\.1:\d+\/.+\/issues\/\d+$/),
        instances: [
          {
            name: "contoso-primary",
            from: null,
            to: "consent-expiring",
            newErrors: [],
            enteredWarnWindow: true,
            owners: ["@adele-vance"],
          },
        ],
      },
    ]);
  });

  it("speaks Teams (an Adaptive Card message) and Slack (mrkdwn blocks) when asked", async () => {
    hook = await startHook();

    await drift("2027-02-15T10:00:00Z", ["--notify-webhook", hook.url, "--notify-format", "teams"]);
    await drift("2026-11-20T10:00:00Z", ["--notify-webhook", hook.url, "--notify-format", "slack"]);

    const [teams, slack] = hook.bodies as [Record<string, unknown>, Record<string, unknown>];
    expect(teams).toMatchObject({
      type: "message",
      attachments: [
        {
          contentType: "application/vnd.microsoft.card.adaptive",
          content: { type: "AdaptiveCard", version: "1.4" },
        },
      ],
    });
    expect(JSON.stringify(teams)).toContain(
      "contoso-primary: now consent-expired; new: consent.expired (owners: @adele-vance)",
    );
    expect(slack).toEqual({
      text: "cspops: all 1 partner instance ready",
      blocks: [
        {
          type: "section",
          text: { type: "mrkdwn", text: expect.stringContaining("*cspops: all 1 partner instance ready*") },
        },
      ],
    });
  });

  it("retries a 500 and a 429, and reads the URL from CSPOPS_NOTIFY_WEBHOOK", async () => {
    hook = await startHook([500, 429]);

    const run = await drift("2027-02-15T10:00:00Z", [], { CSPOPS_NOTIFY_WEBHOOK: hook.url });

    expect(run.code).toBe(4);
    expect(hook.bodies).toHaveLength(3);
    expect(run.stderr).toContain("posted the notification to the webhook (generic)");
  });

  it("fails with exit 3 after its attempts, never printing the URL", async () => {
    hook = await startHook([503, 503, 503]);

    const run = await drift("2027-02-15T10:00:00Z", ["--notify-webhook", hook.url]);

    expect(run.code).toBe(3);
    expect(run.stderr).toContain("the notification webhook answered HTTP 503");
    expect(`${run.stdout}${run.stderr}`).not.toContain("CANARYwebhookSECRET");
    expect(`${run.stdout}${run.stderr}`).not.toContain(hook.url);
  });

  it("refuses a webhook without --issue before any work, and a plain-http remote URL", async () => {
    const noIssue = await harness.run([
      "drift",
      "--observed",
      EXAMPLES_SNAPSHOT,
      "--dir",
      dir,
      "--notify-webhook",
      "https://hooks.slack.com/services/T/B/CANARYwebhookSECRET",
    ]);
    const plain = await drift("2026-11-20T10:00:00Z", [
      "--notify-webhook",
      "http://hooks.example.com/CANARYwebhookSECRET",
    ]);

    expect(noIssue.code).toBe(2);
    expect(noIssue.stderr).toContain("--notify-webhook needs --issue");
    expect(noIssue.stdout).toBe("");
    expect(plain.code).toBe(2);
    expect(plain.stderr).toContain("must be an https:// URL");
    expect(`${noIssue.stderr}${plain.stderr}`).not.toContain("CANARYwebhookSECRET");
  });
});
