import { execFileSync } from "node:child_process";
import { mkdtemp, rm, symlink, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { readBoundedFile, readBoundedText } from "../../src/adapters/bounded-read.js";
import { InputError } from "../../src/core/diagnostics/errors.js";

let scratch: string;
beforeAll(async () => {
  scratch = await mkdtemp(join(tmpdir(), "cspops-bounded-"));
  await writeFile(join(scratch, "small.txt"), "12345");
  await writeFile(join(scratch, "big.txt"), "x".repeat(300_000));
  execFileSync("mkfifo", [join(scratch, "fifo")]);
  await symlink("/dev/zero", join(scratch, "zero-link"));
  await symlink(join(scratch, "fifo"), join(scratch, "fifo-link"));
  await symlink(join(scratch, "small.txt"), join(scratch, "small-link"));
});
afterAll(async () => {
  await rm(scratch, { recursive: true, force: true });
});

describe("readBoundedFile", () => {
  it("reads a regular file, and one behind a symbolic link, whole", () => {
    const direct = readBoundedFile(join(scratch, "small.txt"), { maxBytes: 5, shownAs: "small.txt" });
    const linked = readBoundedFile(join(scratch, "small-link"), { maxBytes: 5, shownAs: "small-link" });

    expect([direct.bytes.toString(), direct.overLimit]).toEqual(["12345", false]);
    expect([linked.bytes.toString(), linked.overLimit]).toEqual(["12345", false]);
  });

  it("stops one byte past the cap instead of reading the whole file", () => {
    const read = readBoundedFile(join(scratch, "big.txt"), { maxBytes: 1000, shownAs: "big.txt" });

    expect([read.bytes.length, read.overLimit]).toEqual([1001, true]);
  });

  it.each([
    ["zero-link", "it is a device, not a regular file"],
    ["fifo", "it is a FIFO (named pipe), not a regular file"],
    ["fifo-link", "it is a FIFO (named pipe), not a regular file"],
    [".", "it is a folder, not a regular file"],
    ["missing", "no such file"],
  ])("refuses %s at once with an InputError naming it", (name, reason) => {
    const started = performance.now();

    const read = () => readBoundedFile(join(scratch, name), { maxBytes: 1024 * 1024, shownAs: name });

    expect(read).toThrow(InputError);
    expect(read).toThrow(`cannot read ${name}: ${reason}`);
    expect(performance.now() - started).toBeLessThan(2000);
  });

  it("refuses text over the cap, saying the cap", () => {
    const read = () => readBoundedText(join(scratch, "big.txt"), { maxBytes: 1024, shownAs: "big.txt" });

    expect(read).toThrow("big.txt is larger than 1024 bytes; cspops reads at most that");
  });
});
