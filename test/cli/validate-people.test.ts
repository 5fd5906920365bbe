import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { ROOT, runCli } from "../support/run-cli.js";

let dir: string;

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), "cspops-people-"));
});

afterEach(() => rmSync(dir, { recursive: true, force: true }));

/** contoso-primary with extra YAML under `metadata:` and at the end of `spec:`. */
function writePrimary(extra: { metadata?: string; spec?: string }): void {
  let text = readFileSync(join(ROOT, "instances/contoso-primary.yaml"), "utf8");
  if (extra.metadata !== undefined) text = text.replace(/^metadata:\n/m, `metadata:\n${extra.metadata}`);
  if (extra.spec !== undefined) text = `${text.trimEnd()}\n${extra.spec}`;
  writeFileSync(join(dir, "contoso-primary.yaml"), text);
}

const validate = () => runCli(["validate", "--dir", dir], { env: { CSPOPS_NOW: "2026-12-02" } });
const ack = (until: string) =>
  `  acknowledge:\n    until: "${until}"\n    reason: Consent booked for Friday\n`;

/** The line number (1-based) of the first line of the file containing `text`. */
const lineOf = (text: string) =>
  readFileSync(join(dir, "contoso-primary.yaml"), "utf8")
    .split("\n")
    .findIndex((l) => l.includes(text)) + 1;

describe("validate: owners and acknowledgements", () => {
  it("accepts GitHub users and teams as owners and a near acknowledgement", async () => {
    writePrimary({
      metadata: "  owners: ['@adele-vance', '@contoso/platform-team']\n",
      spec: ack("2026-12-18"),
    });

    const run = await validate();

    expect(run.stdout).not.toMatch(/ error /);
    expect(run.stdout).not.toContain("acknowledge.");
  });

  it("refuses an owner that is not @user or @org/team, at its line", async () => {
    writePrimary({ metadata: "  owners: [adele]\n" });

    const run = await validate();

    expect(run.code).toBe(1);
    expect(run.stdout).toMatch(
      new RegExp(`contoso-primary\\.yaml:${lineOf("owners")}:\\d+ error schema\\.pattern`),
    );
  });

  it.each([
    ["expired", "2026-12-01", "acknowledge.expired", 0, "the acknowledgement ended on 2026-12-01"],
    ["more than 90 days ahead", "2027-06-30", "acknowledge.too-long", 0, "lasts 210 days, more than 90"],
    [
      "not a day of the calendar",
      "2027-02-30",
      "acknowledge.invalid-date",
      1,
      "is not a day of the calendar",
    ],
  ])("flags an acknowledgement %s at its line", async (_case, until, code, exit, message) => {
    writePrimary({ spec: ack(until) });

    const run = await validate();

    expect(run.code).toBe(exit);
    expect(run.stdout).toMatch(
      new RegExp(`contoso-primary\\.yaml:${lineOf("until:")}:\\d+ \\w+ ${code.replace(".", "\\.")} `),
    );
    expect(run.stdout).toContain(message);
  });
});
