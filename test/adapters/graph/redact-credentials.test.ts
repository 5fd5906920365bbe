import { describe, expect, it } from "vitest";
import { retryDelayMs } from "../../../src/adapters/graph/retry-policy.js";
import { redactCredentials } from "../../../src/adapters/redact-credentials.js";
import { FAST_RETRIES } from "./support/observe-emulator.js";

describe("redactCredentials", () => {
  it.each([
    ["a known secret value", "failed with s3cr3t-value-42 in it", ["s3cr3t-value-42"], "s3cr3t-value-42"],
    ["a form field", "body client_secret=abcdef&scope=x", [], "abcdef"],
    ["a bearer token", "Authorization: Bearer abc.def.ghi", [], "abc.def.ghi"],
    ["a JWT", "token eyJhbGciOi.eyJ0aWQiOiJ4In0.c2lnbmF0dXJl here", [], "eyJ0aWQiOiJ4In0"],
    ["an Entra-shaped secret", "key abc8Q~abcdefghijklmnopqrstuvwxyz0123456 leaked", [], "abc8Q~"],
  ])("removes %s", (_label, text, secrets, leaked) => {
    const redacted = redactCredentials(text, secrets);

    expect(redacted).not.toContain(leaked);
    expect(redacted).toContain("[redacted]");
  });

  it("leaves ordinary text alone", () => {
    expect(redactCredentials("Insufficient privileges to complete the operation.", ["abc"])).toBe(
      "Insufficient privileges to complete the operation.",
    );
  });
});

describe("retryDelayMs", () => {
  it("honours Retry-After in seconds", () => {
    expect(retryDelayMs(FAST_RETRIES, 1, "2")).toBe(2_000);
  });

  it("gives up when Retry-After is longer than the policy waits", () => {
    expect(retryDelayMs(FAST_RETRIES, 1, "600")).toBeUndefined();
  });

  it("gives up after the last attempt", () => {
    expect(retryDelayMs(FAST_RETRIES, FAST_RETRIES.maxAttempts, "0")).toBeUndefined();
  });

  it("backs off within the policy's ceiling without Retry-After", () => {
    const delay = retryDelayMs(FAST_RETRIES, 3, null, 0, () => 0.999);

    expect(delay).toBeGreaterThan(0);
    expect(delay).toBeLessThanOrEqual(FAST_RETRIES.maxDelayMs);
  });
});
