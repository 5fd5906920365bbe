import { describe, expect, it } from "vitest";
import { PARALLEL_FROM_FILES, validateThreads } from "../../src/cli/validate-threads.js";
import { UsageError } from "../../src/core/diagnostics/errors.js";

const idle = (cores: number) => () => ({ cores, load: 0 });

describe("validateThreads", () => {
  it("stays on one thread below the threshold, whatever the machine", () => {
    expect(validateThreads(PARALLEL_FROM_FILES - 1, {}, idle(8))).toBe(1);
  });

  it("gives each thread 1.3 idle cores (its own and its garbage collector's), at most eight", () => {
    expect(validateThreads(10_000, {}, idle(1))).toBe(1);
    expect(validateThreads(10_000, {}, idle(2))).toBe(1);
    expect(validateThreads(10_000, {}, idle(3))).toBe(2);
    expect(validateThreads(10_000, {}, idle(4))).toBe(3);
    expect(validateThreads(10_000, {}, idle(64))).toBe(8);
  });

  it("counts only the cores other processes leave free", () => {
    expect(validateThreads(10_000, {}, () => ({ cores: 4, load: 1 }))).toBe(2);
    expect(validateThreads(10_000, {}, () => ({ cores: 4, load: 2 }))).toBe(1);
    expect(validateThreads(10_000, {}, () => ({ cores: 2, load: 5 }))).toBe(1);
    expect(validateThreads(10_000, {}, () => ({ cores: 8, load: 5 }))).toBe(2);
  });

  it("does what CSPOPS_VALIDATE_THREADS says, and refuses anything but a count", () => {
    expect(validateThreads(2, { CSPOPS_VALIDATE_THREADS: "3" }, idle(1))).toBe(3);
    expect(validateThreads(10_000, { CSPOPS_VALIDATE_THREADS: "1" }, idle(8))).toBe(1);
    expect(validateThreads(10_000, { CSPOPS_VALIDATE_THREADS: " " }, idle(4))).toBe(3);
    expect(() => validateThreads(10, { CSPOPS_VALIDATE_THREADS: "0" })).toThrow(UsageError);
    expect(() => validateThreads(10, { CSPOPS_VALIDATE_THREADS: "two" })).toThrow(UsageError);
  });
});
