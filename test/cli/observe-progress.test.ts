import { describe, expect, it } from "vitest";
import { createProgressReporter } from "../../src/cli/commands/observe-progress.js";

function stream(isTTY: boolean) {
  const chunks: string[] = [];
  return { chunks, write: (chunk: string) => chunks.push(chunk), isTTY };
}

describe("observe progress on stderr", () => {
  it("redraws one bar in place on a terminal and clears it at the end", () => {
    const terminal = stream(true);
    const progress = createProgressReporter(terminal);

    for (let done = 1; done <= 20; done += 1) progress.update({ tenantsDone: done, tenantsTotal: 20 });
    progress.finish();

    expect(terminal.chunks).toHaveLength(21);
    expect(terminal.chunks[19]).toBe(`\r[${"#".repeat(24)}] 20/20 tenants observed`);
    expect(terminal.chunks[20]).toBe("\r\u001b[2K");
  });

  it("writes a line at every tenth in a log", () => {
    const log = stream(false);
    const progress = createProgressReporter(log);

    for (let done = 1; done <= 100; done += 1) progress.update({ tenantsDone: done, tenantsTotal: 100 });
    progress.finish();

    expect(log.chunks).toHaveLength(10);
    expect(log.chunks.at(-1)).toBe("observed 100/100 tenants\n");
  });

  it("stays quiet for a short run", () => {
    const log = stream(false);

    createProgressReporter(log).update({ tenantsDone: 3, tenantsTotal: 3 });

    expect(log.chunks).toEqual([]);
  });
});
