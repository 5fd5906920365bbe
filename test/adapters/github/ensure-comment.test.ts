import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { GitHubPort } from "../../../src/adapters/github/github-port.js";
import { type GitHubEmulator, startGitHubEmulator } from "../../../src/emulator/github/github-emulator.js";
import { createContractChecker } from "../../emulator/github/openapi-contract.js";
import { emulatedGitHubPort } from "../../support/github-port.js";

const REPO = "octo-org/partner-config";
const MARKER = "<!-- cspops:reconcile -->";
const BOT = "github-actions[bot]";
/** A person's token (a machine account), which `GET /user` answers. */
const CI_TOKEN = "ghp_CiAccountToken";
const CI_ACCOUNT = "cspops-ci";
const contract = createContractChecker();
let emulator: GitHubEmulator;
let pull: number;

beforeEach(async () => {
  emulator = await startGitHubEmulator({
    tokens: {
      "emulator-token": { login: BOT, access: "write" },
      [CI_TOKEN]: { login: CI_ACCOUNT, access: "write" },
    },
  });
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

  it("reads every page once, and writes nothing when our comment is already right", async () => {
    await port().ensureComment({ issueNumber: pull, marker: MARKER, body: body("first") });
    for (let index = 0; index < 150; index += 1)
      emulator.state.addComment(REPO, pull, `later remark ${index}`);
    emulator.requests.length = 0;

    await port().ensureComment({ issueNumber: pull, marker: MARKER, body: body("first") });

    expect(emulator.requests.map((r) => r.query.page)).toEqual([undefined, "2"]);
    expect(emulator.writes()).toEqual([]);
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

  it("collapses stale bot duplicates to one: keeps the oldest, deletes the rest", async () => {
    const older = emulator.state.addComment(REPO, pull, body("old"), BOT);
    const newer = emulator.state.addComment(REPO, pull, body("stale duplicate"), BOT);
    const newest = emulator.state.addComment(REPO, pull, body("another"), BOT);

    const result = await port().ensureComment({ issueNumber: pull, marker: MARKER, body: body("new") });

    expect(result).toMatchObject({ action: "updated", id: older.id });
    expect(marked().map((c) => [c.id, c.body])).toEqual([[older.id, body("new")]]);
    expect(emulator.writes().map((r) => [r.operationId, r.path.split("/").at(-1)])).toEqual([
      ["issues/delete-comment", String(newer.id)],
      ["issues/delete-comment", String(newest.id)],
      ["issues/update-comment", String(older.id)],
    ]);
  });

  it("never adopts, edits or deletes a person's comment that carries the marker", async () => {
    const pasted = emulator.state.addComment(REPO, pull, body("pasted copy of the report"), "mona");
    const quoted = emulator.state.addComment(REPO, pull, `> ${body("quoted")}`, "hubot-fan");

    const session = port();
    const result = await session.ensureComment({ issueNumber: pull, marker: MARKER, body: body("report") });
    const again = await session.ensureComment({ issueNumber: pull, marker: MARKER, body: body("report 2") });

    expect(result.action).toBe("created");
    expect(again).toMatchObject({ action: "updated", id: result.id });
    expect(marked().map((c) => [c.id, c.user.login, c.body])).toEqual([
      [pasted.id, "mona", body("pasted copy of the report")],
      [quoted.id, "hubot-fan", `> ${body("quoted")}`],
      [result.id, BOT, body("report 2")],
    ]);
    // The Actions token cannot ask GitHub who it is: one GET /user per port, answered 403, then Bot type alone.
    expect(
      emulator.requests.filter((r) => r.operationId === "users/get-authenticated").map((r) => r.status),
    ).toEqual([403]);
  });

  it("asks who the token is only when a person's marked comment turns up", async () => {
    emulator.state.addComment(REPO, pull, body("ours"), BOT);
    emulator.state.addComment(REPO, pull, "an ordinary review remark", "mona");

    await port().ensureComment({ issueNumber: pull, marker: MARKER, body: body("ours") });

    expect(emulator.requests.map((r) => r.operationId)).toEqual(["issues/list-comments"]);
  });

  it("with a person's token, adopts that person's own comment and no one else's", async () => {
    const own = emulator.state.addComment(REPO, pull, body("written by the CI account"), CI_ACCOUNT);
    const other = emulator.state.addComment(REPO, pull, body("someone else"), "mona");

    const result = await emulatedGitHubPort(emulator, { token: CI_TOKEN }).ensureComment({
      issueNumber: pull,
      marker: MARKER,
      body: body("report"),
    });

    expect(result).toMatchObject({ action: "updated", id: own.id });
    expect(marked().map((c) => [c.id, c.body])).toEqual([
      [own.id, body("report")],
      [other.id, body("someone else")],
    ]);
    expect(
      emulator.requests.filter((r) => r.operationId === "users/get-authenticated").map((r) => r.status),
    ).toEqual([200]);
  });

  it("refuses a body over GitHub's limit before sending it", async () => {
    const huge = body("x".repeat(65_536));

    await expect(port().ensureComment({ issueNumber: pull, marker: MARKER, body: huge })).rejects.toThrow(
      /over GitHub's limit of 65536/,
    );
    expect(emulator.requests.filter((r) => r.method !== "GET")).toEqual([]);
  });
});
