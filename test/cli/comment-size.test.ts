import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { CliContext } from "../../src/cli/context.js";
import { readGitHubEnv, requireGitHubTarget } from "../../src/cli/github-env.js";
import { instancesChangedBy, publishReport } from "../../src/cli/publish-report.js";
import { buildConsentUrl } from "../../src/core/consent/consent-url.js";
import {
  type InstanceReport,
  type ReconcileReport,
  type ReconcileStatus,
  summariseStatuses,
} from "../../src/core/reconcile/report.js";
import { type GitHubEmulator, startGitHubEmulator } from "../../src/emulator/github/github-emulator.js";

const REPOSITORY = "octo-org/partner-config";
const MARKER = "<!-- cspops:reconcile -->";
const STATUSES: readonly ReconcileStatus[] = [
  "needs-consent",
  "consent-expiring",
  "blocked",
  "drifted",
  "ready",
];
let emulator: GitHubEmulator;

beforeEach(async () => {
  emulator = await startGitHubEmulator({ repositories: [REPOSITORY] });
});

afterEach(async () => {
  await emulator.close();
});

function instance(index: number, status: ReconcileStatus): InstanceReport {
  const name = `partner-${String(index).padStart(4, "0")}`;
  const tenantId = `00000000-0000-4000-8000-${String(index).padStart(12, "0")}`;
  const agent = `admin.agent.${index}@partner${index}.onmicrosoft.com`;
  return {
    name,
    file: `instances/${name}.yaml`,
    environment: "primary",
    cloud: "global",
    tenantId,
    adminAgent: agent,
    appId: "11111111-2222-4333-8444-555555555555",
    status,
    consentUrl:
      status === "ready"
        ? null
        : buildConsentUrl({
            cloud: "global",
            tenantId,
            appId: "11111111-2222-4333-8444-555555555555",
            redirectUri: "https://bss.example/callback",
            loginHint: agent,
            state: name,
          }),
    consentExpiresAt: "2027-02-08T10:00:00Z",
    lastDelegatedSignInAt: "2026-11-10T10:00:00Z",
    findings:
      status === "ready"
        ? []
        : [
            {
              code: "consent.missing",
              severity: "error",
              message: `Partner Center access has not been consented. ${agent} must open the consent link, sign in with MFA and approve.`,
              actor: `${agent} (admin agent)`,
              status: "needs-consent",
            },
          ],
  };
}

function report(count: number, statusOf: (index: number) => ReconcileStatus): ReconcileReport {
  const instances = Array.from({ length: count }, (_, index) => instance(index, statusOf(index)));
  return {
    schemaVersion: 1,
    generatedAt: "2026-11-20T10:00:00.000Z",
    observedAt: "2026-11-20T09:55:00Z",
    summary: summariseStatuses(instances),
    instances,
  };
}

function context(): CliContext & { errors: string[] } {
  const errors: string[] = [];
  return {
    errors,
    stdout: { write: () => true },
    stderr: { write: (chunk: string) => errors.push(chunk) },
    env: { GITHUB_TOKEN: "emulator-token", GITHUB_REPOSITORY: REPOSITORY, GITHUB_API_URL: emulator.url },
    cwd: process.cwd(),
  };
}

describe("the PR comment at 2,000 instances", () => {
  it.each([
    ["none ready", (index: number) => STATUSES[index % 4] ?? "ready"],
    ["all ready", () => "ready" as const],
    ["a mix", (index: number) => STATUSES[index % 5] ?? "ready"],
  ])(
    "stays under GitHub's 65,536 characters (%s) and names the changed instances first",
    async (_case, statusOf) => {
      const changed = ["instances/partner-1998.yaml", "instances/partner-1997.yaml"];
      const pull = emulator.state.addPullRequest(REPOSITORY, { files: changed });

      const cli = context();
      const target = requireGitHubTarget("--comment", readGitHubEnv(cli.env), pull);
      await publishReport(report(2_000, statusOf), target, cli, { throttle: false });

      const [comment] = emulator.state.commentsOn(REPOSITORY, pull);
      expect(comment?.body.length).toBeLessThanOrEqual(65_536);
      expect(comment?.body.startsWith(MARKER)).toBe(true);
      const mentioned = [
        ...new Set([...(comment?.body.matchAll(/partner-\d{4}/g) ?? [])].map(([name]) => name)),
      ];
      expect(mentioned.slice(0, 2).sort()).toEqual(["partner-1997", "partner-1998"]);
      expect(emulator.writes().map((request) => request.status)).toEqual([201]);
    },
  );
});

describe("instancesChangedBy", () => {
  it("matches a changed file by its path from the repository root or from a subfolder", () => {
    const reported = report(3, () => "ready");

    const names = instancesChangedBy(reported, [
      "deploy/instances/partner-0001.yaml",
      "instances/partner-0002.yaml",
    ]);

    expect(names).toEqual(["partner-0001", "partner-0002"]);
  });
});
