import { describe, expect, it } from "vitest";
import { readGitHubEnv } from "../../src/cli/github-env.js";

const events: Record<string, string> = {
  "/pull_request.json": JSON.stringify({ action: "opened", number: 12, pull_request: { number: 12 } }),
  "/issue_comment.json": JSON.stringify({
    action: "created",
    issue: { number: 7, pull_request: { url: "u" } },
  }),
  "/issue_comment_on_issue.json": JSON.stringify({ action: "created", issue: { number: 8 } }),
  "/push.json": JSON.stringify({ ref: "refs/heads/main" }),
  "/broken.json": "{",
};
const readFile = (path: string): string => {
  const text = events[path];
  if (text === undefined) throw new Error(`ENOENT: ${path}`);
  return text;
};

describe("readGitHubEnv", () => {
  it("reads the Actions variables, with GitHub.com as the default API", () => {
    const github = readGitHubEnv(
      {
        GITHUB_TOKEN: " t0ken ",
        GITHUB_REPOSITORY: "octo-org/partner-config",
        GITHUB_EVENT_PATH: "/pull_request.json",
      },
      readFile,
    );

    expect(github).toEqual({
      token: "t0ken",
      repository: { owner: "octo-org", repo: "partner-config" },
      repositoryText: "octo-org/partner-config",
      apiUrl: "https://api.github.com",
      pullRequest: 12,
    });
  });

  it.each([
    ["/issue_comment.json", 7],
    ["/issue_comment_on_issue.json", undefined],
    ["/push.json", undefined],
    ["/broken.json", undefined],
    ["/missing.json", undefined],
  ])("takes the pull request number from %s → %s", (path, expected) => {
    const github = readGitHubEnv({ GITHUB_EVENT_PATH: path }, readFile);

    expect(github.pullRequest).toBe(expected);
  });

  it.each([
    ["", undefined],
    ["octo-org", undefined],
    ["octo-org/partner-config/extra", undefined],
    ["octo-org/partner-config", { owner: "octo-org", repo: "partner-config" }],
  ])("accepts GITHUB_REPOSITORY '%s' only as owner/repo", (text, expected) => {
    const github = readGitHubEnv({
      GITHUB_REPOSITORY: text,
      GITHUB_TOKEN: "",
      GITHUB_API_URL: "http://127.0.0.1:1",
    });

    expect(github.repository).toEqual(expected);
    expect(github.token).toBeUndefined();
    expect(github.apiUrl).toBe("http://127.0.0.1:1");
  });
});
