import { describe, expect, it } from "vitest";
import { translateGitHubError } from "../../../src/adapters/github/translate-github-error.js";
import { renderError } from "../../../src/render/render-error.js";

const TOKEN = "ghs_KnownTokenCanary0123456789abcdefghij";
const JWT = "eyJhbGciOiJub25lIn0.eyJjYW5hcnkiOiJoZWFkZXIifQ.c2lnbmF0dXJl";
const ENTRA = "hdr9Q~HeaderCanarySecret0123456789abcde";

/** What @octokit/request-error throws for a 403, with the headers a hostile proxy could add. */
function forbidden(headers: Record<string, string>, message: string): Error {
  return Object.assign(new Error(message), {
    status: 403,
    response: { headers, data: { message } },
  });
}

describe("translateGitHubError", () => {
  it("redacts credentials in the 403 header it copies into the hint, and in GitHub's message", () => {
    const error = forbidden(
      { "x-accepted-github-permissions": `issues=write; token=${TOKEN} Bearer ${JWT} ${ENTRA}` },
      `Resource not accessible by integration \u001b[2J\n::add-mask::x ${ENTRA}`,
    );

    const translated = translateGitHubError(error, {
      action: "update the pull request comment",
      permission: "pull-requests: write",
      target: "pull request #1",
      repository: "octo-org/partner-config",
      apiUrl: "https://api.github.com",
      secrets: [TOKEN],
    });
    const printed = renderError(translated);

    expect(translated.hint).toContain("GitHub asks for issues=write");
    for (const secret of [TOKEN, JWT, ENTRA]) {
      expect(printed).not.toContain(secret);
      expect(translated.hint).not.toContain(secret);
      expect(translated.message).not.toContain(secret);
    }
    // biome-ignore lint/suspicious/noControlCharactersInRegex: looking for control characters.
    expect(printed).not.toMatch(/[\u0000-\u0008\u000b-\u001f]/);
    expect(printed.split("\n").filter((line) => /^\s*::/.test(line))).toEqual([]);
  });
});
