import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import {
  type CliHarness,
  EXAMPLES_SNAPSHOT,
  REPOSITORY,
  ROOT,
  startCliHarness,
} from "../emulator/github/cli-harness.js";
import { createContractChecker } from "../emulator/github/openapi-contract.js";

// On the example snapshot contoso-primary is ready on 2026-11-20, inside its warning window on
// 2027-01-28 and expired on 2027-02-15; contoso-sandbox needs consent and fabrikam-china is blocked
// throughout.
const FIRST = "2026-11-20T10:00:00Z";
const EXPIRING = "2027-01-28T10:00:00Z";
const EXPIRED = "2027-02-15T10:00:00Z";

const contract = createContractChecker();
let harness: CliHarness;
let all: string;
let onlyPrimary: string;

/** Copies an example instance, adding YAML under `metadata:` and at the end of `spec:`. */
function copyInstance(dir: string, name: string, extra: { metadata?: string; spec?: string } = {}): void {
  let text = readFileSync(join(ROOT, "instances", `${name}.yaml`), "utf8");
  if (extra.metadata !== undefined) text = text.replace(/^metadata:\n/m, `metadata:\n${extra.metadata}`);
  if (extra.spec !== undefined) text = `${text.trimEnd()}\n${extra.spec}`;
  writeFileSync(join(dir, `${name}.yaml`), text);
}

const OWNERS_PRIMARY = "  owners: ['@adele-vance', '@contoso/platform-team']\n";
const OWNERS_SANDBOX = "  owners: ['@contoso/platform-team']\n";

beforeEach(async () => {
  harness = await startCliHarness();
  all = join(harness.scratch, "all");
  onlyPrimary = join(harness.scratch, "primary");
  mkdirSync(all);
  mkdirSync(onlyPrimary);
  copyInstance(all, "contoso-primary", { metadata: OWNERS_PRIMARY });
  copyInstance(all, "contoso-sandbox", { metadata: OWNERS_SANDBOX });
  copyInstance(all, "fabrikam-china");
  copyInstance(onlyPrimary, "contoso-primary", { metadata: OWNERS_PRIMARY });
});

afterEach(async () => {
  expect(contract.checkAll(harness.emulator.requests)).toEqual([]);
  await harness.close();
});

const drift = (dir: string, now: string, args: readonly string[] = []) =>
  harness.run(["drift", "--issue", "--observed", EXAMPLES_SNAPSHOT, "--dir", dir, "--now", now, ...args]);

/** The writes of one run: [method, kind] pairs, and the comment bodies it posted. */
async function writesOf(run: () => Promise<unknown>) {
  const before = harness.emulator.writes().length;
  await run();
  const writes = harness.emulator.writes().slice(before);
  return {
    kinds: writes.map(
      (w) => `${w.method} ${w.path.replace(/^\/repos\/[^/]+\/[^/]+\//, "").replace(/\d+/g, "N")}`,
    ),
    comments: writes
      .filter((w) => w.method === "POST" && w.path.endsWith("/comments"))
      .map((w) => (JSON.parse(w.requestBody) as { body: string }).body),
  };
}

const dashboard = () => harness.emulator.state.issuesOf(REPOSITORY)[0];

describe("drift --issue tells people when an instance gets worse, and only then", () => {
  it("first run: opens the dashboard, whose body mentions the owners; no comment", async () => {
    const first = await writesOf(() => drift(all, FIRST));

    expect(first.kinds).toEqual(["POST labels", "POST issues"]);
    expect(first.comments).toEqual([]);
    expect(dashboard()?.body).toContain("**Owners:** @contoso/platform-team");
  });

  it("unchanged rerun: 0 writes", async () => {
    await drift(all, FIRST);

    const rerun = await writesOf(() => drift(all, "2026-11-20T18:00:00Z"));

    expect(rerun.kinds).toEqual([]);
  });

  it("a worsening: one comment naming the instance, what changed and its owners, then the body", async () => {
    await drift(all, FIRST);

    const worse = await writesOf(() => drift(all, EXPIRING));

    expect(worse.kinds).toEqual(["POST issues/N/comments", "PATCH issues/N"]);
    expect(worse.comments).toHaveLength(1);
    expect(worse.comments[0]).toContain("**contoso-primary**: ready → consent-expiring");
    expect(worse.comments[0]).toContain("consent enters its warning window");
    expect(worse.comments[0]).toContain("@adele-vance @contoso/platform-team");
    expect(worse.comments[0]).not.toContain("contoso-sandbox");
  });

  it("an improvement: the body only", async () => {
    await drift(all, FIRST);
    await drift(all, EXPIRING);

    const better = await writesOf(() => drift(all, "2026-11-21T10:00:00Z"));

    expect(better.kinds).toEqual(["PATCH issues/N"]);
  });

  it("everything ready: closed with a short comment", async () => {
    await drift(onlyPrimary, EXPIRING);

    const ready = await writesOf(() => drift(onlyPrimary, FIRST));

    expect(ready.kinds).toEqual(["POST issues/N/comments", "PATCH issues/N"]);
    expect(ready.comments[0]).toContain("All 1 partner instance ready: closing this issue.");
    expect(dashboard()?.state).toBe("closed");
  });

  it("a reopening: one comment saying what needs action again", async () => {
    await drift(onlyPrimary, EXPIRING);
    await drift(onlyPrimary, FIRST);

    const reopened = await writesOf(() => drift(onlyPrimary, EXPIRED));

    expect(reopened.kinds).toEqual(["POST issues/N/comments", "PATCH issues/N"]);
    expect(reopened.comments[0]).toContain("Reopened: 1 partner instance needs action again.");
    expect(reopened.comments[0]).toContain("**contoso-primary**: ready → consent-expired");
    expect(dashboard()?.state).toBe("open");
  });

  it("a state block a person mangled counts as no previous state, without failing", async () => {
    await drift(all, FIRST);
    const issue = dashboard();
    if (issue === undefined) throw new Error("no dashboard");
    issue.body = (issue.body ?? "").replace(
      /<!-- cspops:state [^ ]+ -->/,
      "<!-- cspops:state !!not-base64 -->",
    );

    const run = await writesOf(() => drift(all, FIRST));

    expect(run.kinds).toEqual(["POST issues/N/comments", "PATCH issues/N"]);
    expect(run.comments[0]).toContain("**contoso-sandbox**: now needs-consent");
  });
});

describe("acknowledgements", () => {
  const ACK = (until: string) =>
    `  acknowledge:\n    until: "${until}"\n    reason: "Admin agent on leave; consent booked for Friday"\n`;

  it("mute the notification and the exit code until the date, and show in the acknowledged section", async () => {
    await drift(onlyPrimary, FIRST);
    copyInstance(onlyPrimary, "contoso-primary", { metadata: OWNERS_PRIMARY, spec: ACK("2027-02-20") });

    const muted = await writesOf(() => drift(onlyPrimary, EXPIRED));
    const exit = await drift(onlyPrimary, EXPIRED);

    expect(muted.comments).toEqual([]);
    expect(exit.code).toBe(0);
    expect(dashboard()?.body).toContain("### 🔕 Acknowledged");
    expect(dashboard()?.body).toContain(
      "🔕 **Acknowledged until 2027-02-20:** Admin agent on leave; consent booked for Friday",
    );
  });

  it("stop holding after their day: reported, notified and failing again", async () => {
    copyInstance(onlyPrimary, "contoso-primary", { metadata: OWNERS_PRIMARY, spec: ACK("2027-02-14") });
    await drift(onlyPrimary, FIRST);

    const exit = await drift(onlyPrimary, EXPIRED);

    expect(exit.code).toBe(4);
    expect(dashboard()?.state).toBe("open");
    // A new dashboard notifies the owners it mentions; its body no longer lists the instance as acknowledged.
    expect(dashboard()?.body).toContain("**Owners:** @adele-vance, @contoso/platform-team");
    expect(dashboard()?.body).not.toContain("Acknowledged");
  });
});
