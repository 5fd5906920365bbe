import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { GitHubPort } from "../../../src/adapters/github/github-port.js";
import { type GitHubEmulator, startGitHubEmulator } from "../../../src/emulator/github/github-emulator.js";
import { createContractChecker } from "../../emulator/github/openapi-contract.js";
import { emulatedGitHubPort } from "../../support/github-port.js";

const REPO = "octo-org/partner-config";
const MARKER = "<!-- cspops:reconcile -->";
const contract = createContractChecker();
let emulator: GitHubEmulator;
let pull: number;

beforeEach(async () => {
  emulator = await startGitHubEmulator();
  pull = emulator.state.addPullRequest(REPO, { files: ["instances/contoso-primary.yaml"] });
});

afterEach(async () => {
  expect(contract.checkAll(emulator.requests)).toEqual([]);
  await emulator.close();
});

const port = (): GitHubPort => emulatedGitHubPort(emulator);

const body = (text: string) => `${MARKER}\n## cspops reconcile\n\n${text}\n`;
const marked = () => emulator.state.commentsOn(REPO, pull).filter((c) => c.body.includes(MARKER));

describe("ensureComment", () => {
  it("creates one comment on the first run", async () => {
    const result = await port().ensureComment({
      issueNumber: pull,
      marker: MARKER,
      body: body("2 need consent"),
    });

    expect(result.action).toBe("created");
    expect(marked().map((c) => [c.id, c.body])).toEqual([[result.id, body("2 need consent")]]);
    expect(emulator.writes().map((r) => r.operationId)).toEqual(["issues/create-comment"]);
  });

  it("makes no write at all when the body is unchanged (line endings and trailing space aside)", async () => {
    await port().ensureComment({ issueNumber: pull, marker: MARKER, body: body("2 need consent") });
    emulator.requests.length = 0;

    const again = await port().ensureComment({
      issueNumber: pull,
      marker: MARKER,
      body: `${body("2 need consent").replaceAll("\n", "\r\n")}  `,
    });

    expect(again.action).toBe("unchanged");
    expect(emulator.writes()).toEqual([]);
    expect(emulator.requests).toHaveLength(1);
  });

  it("edits the same comment in place when the state changes", async () => {
    const first = await port().ensureComment({
      issueNumber: pull,
      marker: MARKER,
      body: body("2 need consent"),
    });

    const second = await port().ensureComment({ issueNumber: pull, marker: MARKER, body: body("all ready") });

    expect(second).toMatchObject({ action: "updated", id: first.id });
    expect(marked().map((c) => [c.id, c.body])).toEqual([[first.id, body("all ready")]]);
  });

  it("pages past 150 comments by other people and never touches them", async () => {
    for (let index = 0; index < 150; index += 1)
      emulator.state.addComment(REPO, pull, `review remark ${index}`);
    const theirs = () => emulator.state.commentsOn(REPO, pull).filter((c) => !c.body.includes(MARKER));
    const before = JSON.stringify(theirs());

    const created = await port().ensureComment({ issueNumber: pull, marker: MARKER, body: body("first") });
    const updated = await port().ensureComment({ issueNumber: pull, marker: MARKER, body: body("second") });

    expect([created.action, updated.action]).toEqual(["created", "updated"]);
    expect(updated.id).toBe(created.id);
    expect(JSON.stringify(theirs())).toBe(before);
    const pages = emulator.requests
      .filter((r) => r.operationId === "issues/list-comments")
      .map((r) => r.query.page);
    expect(pages).toEqual([undefined, "2", undefined, "2", undefined, "2"]);
    expect(emulator.writes().map((r) => r.path)).toEqual([
      `/repos/${REPO}/issues/${pull}/comments`,
      `/repos/${REPO}/issues/comments/${created.id}`,
    ]);
  });

  it("stops paging at our comment when it is on the first page", async () => {
    await port().ensureComment({ issueNumber: pull, marker: MARKER, body: body("first") });
    for (let index = 0; index < 150; index += 1)
      emulator.state.addComment(REPO, pull, `later remark ${index}`);
    emulator.requests.length = 0;

    await port().ensureComment({ issueNumber: pull, marker: MARKER, body: body("first") });

    expect(emulator.requests).toHaveLength(1);
  });

  it("leaves one comment when two runs race on the same pull request", async () => {
    emulator.faults.latencyMs = 20;

    const results = await Promise.all([
      port().ensureComment({ issueNumber: pull, marker: MARKER, body: body("run A") }),
      port().ensureComment({ issueNumber: pull, marker: MARKER, body: body("run A") }),
    ]);

    const creates = emulator.requests.filter((r) => r.operationId === "issues/create-comment");
    expect(creates).toHaveLength(2);
    expect(marked()).toHaveLength(1);
    expect(results.map((r) => r.id)).toEqual([marked()[0]?.id, marked()[0]?.id]);
    expect(emulator.requests.filter((r) => r.operationId === "issues/delete-comment")).toHaveLength(1);
  });

  it("leaves one comment when the create answers 502 before storing it", async () => {
    emulator.failNext({ operationId: "issues/create-comment", kind: "502" });

    const result = await port().ensureComment({ issueNumber: pull, marker: MARKER, body: body("x") });

    expect(result.action).toBe("created");
    expect(marked().map((c) => c.id)).toEqual([result.id]);
  });

  it.each(["502", "drop"] as const)(
    "leaves one comment when the create is stored but its answer is lost (%s)",
    async (kind) => {
      emulator.failNext({ operationId: "issues/create-comment", kind, after: true });

      const result = await port().ensureComment({ issueNumber: pull, marker: MARKER, body: body("x") });

      expect(result.action).toBe("created");
      expect(marked().map((c) => c.id)).toEqual([result.id]);
      expect(emulator.requests.filter((r) => r.operationId === "issues/create-comment")).toHaveLength(1);
    },
  );

  it("only ever edits the oldest marked comment and never deletes one it did not just create", async () => {
    const older = emulator.state.addComment(REPO, pull, body("old"), "github-actions[bot]");
    const newer = emulator.state.addComment(REPO, pull, body("stale duplicate"), "github-actions[bot]");

    const result = await port().ensureComment({ issueNumber: pull, marker: MARKER, body: body("new") });

    expect(result).toMatchObject({ action: "updated", id: older.id });
    expect(marked().map((c) => [c.id, c.body])).toEqual([
      [older.id, body("new")],
      [newer.id, body("stale duplicate")],
    ]);
  });

  it("refuses a body over GitHub's limit before sending it", async () => {
    const huge = body("x".repeat(65_536));

    await expect(port().ensureComment({ issueNumber: pull, marker: MARKER, body: huge })).rejects.toThrow(
      /over GitHub's limit of 65536/,
    );
    expect(emulator.requests.filter((r) => r.method !== "GET")).toEqual([]);
  });
});
