import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { EnsureIssueRequest, GitHubPort } from "../../../src/adapters/github/github-port.js";
import { type GitHubEmulator, startGitHubEmulator } from "../../../src/emulator/github/github-emulator.js";
import { createContractChecker } from "../../emulator/github/openapi-contract.js";
import { emulatedGitHubPort } from "../../support/github-port.js";

const REPO = "octo-org/partner-config";
const MARKER = "<!-- cspops:drift -->";
const LABEL = { name: "cspops-drift", color: "d93f0b", description: "Partner instances that need attention" };
const contract = createContractChecker();
let emulator: GitHubEmulator;

beforeEach(async () => {
  emulator = await startGitHubEmulator();
});

afterEach(async () => {
  expect(contract.checkAll(emulator.requests)).toEqual([]);
  await emulator.close();
});

const port = (): GitHubPort => emulatedGitHubPort(emulator);

function dashboard(state: string): EnsureIssueRequest {
  return { marker: MARKER, label: LABEL, title: `cspops drift: ${state}`, body: `${MARKER}\n${state}\n` };
}

const issues = () =>
  emulator.state
    .issuesOf(REPO)
    .map((i) => ({ number: i.number, state: i.state, reason: i.stateReason, title: i.title }));

describe("the drift dashboard issue", () => {
  it("opens, stays, closes and reopens as one issue", async () => {
    const opened = await port().ensureIssue(dashboard("2 need consent"));
    const stayed = await port().ensureIssue(dashboard("2 need consent"));
    const writesWhileStaying = emulator.writes().length;
    const updated = await port().ensureIssue(dashboard("1 needs consent"));
    const closed = await port().ensureIssueClosed(dashboard("all ready"));
    const stillClosed = await port().ensureIssueClosed(dashboard("all ready"));
    const reopened = await port().ensureIssue(dashboard("1 expired"));

    expect([opened, stayed, updated, closed, stillClosed, reopened].map((r) => r.action)).toEqual([
      "created",
      "unchanged",
      "updated",
      "closed",
      "unchanged",
      "reopened",
    ]);
    expect(new Set([opened, stayed, updated, closed, stillClosed, reopened].map((r) => r.number))).toEqual(
      new Set([opened.number]),
    );
    expect(writesWhileStaying).toBe(2); // the label and the issue; nothing for the unchanged run
    expect(issues()).toEqual([
      { number: opened.number, state: "open", reason: "reopened", title: "cspops drift: 1 expired" },
    ]);
  });

  it("creates its label once, with colour and description, when the repository lacks it", async () => {
    await port().ensureIssue(dashboard("2 need consent"));

    const label = emulator.state.findRepository(REPO)?.labels.get("cspops-drift");
    expect(label).toMatchObject({ name: "cspops-drift", color: "d93f0b" });
    expect(emulator.writes().map((r) => r.operationId)).toEqual(["issues/create-label", "issues/create"]);
  });

  it("closes it as completed and writes nothing when there is no dashboard yet", async () => {
    const result = await port().ensureIssueClosed(dashboard("all ready"));

    expect(result).toEqual({ action: "absent" });
    expect(emulator.writes()).toEqual([]);
  });

  it("closes an open dashboard with state_reason completed", async () => {
    await port().ensureIssue(dashboard("2 need consent"));

    await port().ensureIssueClosed(dashboard("all ready"));

    expect(issues()).toEqual([
      { number: 1, state: "closed", reason: "completed", title: "cspops drift: all ready" },
    ]);
  });

  it("ignores pull requests and issues with the label but without the marker", async () => {
    emulator.state.addPullRequest(REPO, { files: [] });
    const repository = emulator.state.addRepository(REPO);
    emulator.state.createIssue(repository, {
      title: "A person's issue",
      body: "about drift",
      labels: ["cspops-drift"],
      author: "mona",
    });

    const result = await port().ensureIssue(dashboard("2 need consent"));

    expect(result.action).toBe("created");
    expect(issues().map((i) => i.title)).toEqual(["A person's issue", "cspops drift: 2 need consent"]);
  });

  it("leaves one open dashboard when two runs race, closing the loser's as a duplicate", async () => {
    emulator.faults.latencyMs = 20;

    await Promise.all([
      port().ensureIssue(dashboard("2 need consent")),
      port().ensureIssue(dashboard("2 need consent")),
    ]);

    expect(issues().filter((i) => i.state === "open")).toHaveLength(1);
    expect(
      issues()
        .filter((i) => i.state === "closed")
        .map((i) => i.reason),
    ).toEqual(["duplicate"]);
  });

  it("does not open a second issue when the create's answer is lost", async () => {
    emulator.failNext({ operationId: "issues/create", kind: "drop", after: true });

    const result = await port().ensureIssue(dashboard("2 need consent"));

    expect(issues()).toHaveLength(1);
    expect(result.number).toBe(1);
  });
});

describe("the dashboard issue belongs to the bot", () => {
  const repository = () => emulator.state.addRepository(REPO);

  it("never edits, closes or reopens a person's issue with the label and the marker", async () => {
    const theirs = emulator.state.createIssue(repository(), {
      title: "My notes",
      body: `${MARKER}\nmy own notes, copied from the dashboard`,
      labels: ["cspops-drift"],
      author: "mona",
    });

    const opened = await port().ensureIssue(dashboard("2 need consent"));
    const closed = await port().ensureIssueClosed(dashboard("all ready"));

    expect([opened.action, closed.action]).toEqual(["created", "closed"]);
    expect(opened.number).not.toBe(theirs.number);
    expect(issues()).toEqual([
      { number: theirs.number, state: "open", reason: null, title: "My notes" },
      { number: opened.number, state: "closed", reason: "completed", title: "cspops drift: all ready" },
    ]);
    expect(emulator.state.issuesOf(REPO)[0]?.body).toBe(`${MARKER}\nmy own notes, copied from the dashboard`);
  });

  it("collapses stale bot dashboards: keeps the oldest, closes the other open ones as duplicates", async () => {
    for (const state of ["first", "second", "third"]) {
      emulator.state.createIssue(repository(), {
        title: `cspops drift: ${state}`,
        body: `${MARKER}\n${state}\n`,
        labels: ["cspops-drift"],
        author: "github-actions[bot]",
      });
    }

    const result = await port().ensureIssue(dashboard("2 need consent"));

    expect(result).toMatchObject({ action: "updated", number: 1 });
    expect(issues()).toEqual([
      { number: 1, state: "open", reason: null, title: "cspops drift: 2 need consent" },
      { number: 2, state: "closed", reason: "duplicate", title: "cspops drift: second" },
      { number: 3, state: "closed", reason: "duplicate", title: "cspops drift: third" },
    ]);
  });
});
