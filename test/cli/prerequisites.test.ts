import { describe, expect, it } from "vitest";
import { runCli } from "../support/run-cli.js";

/**
 * `--comment` and `--issue` say what they lack before any work: no instance file is read and
 * nothing is observed. `--dir` names a folder that does not exist and there is no Azure credential,
 * so a check made any later would fail with exit 1 or 3 instead of this exit 2.
 */
const NO_WORK = ["--dir", "no-such-folder"];
const GITHUB = { GITHUB_TOKEN: "ghs_token", GITHUB_REPOSITORY: "octo-org/partner-config" };

function run(args: readonly string[], env: Readonly<Record<string, string>>) {
  return runCli(args, { env, cleanEnv: true, timeoutMs: 20_000 });
}

describe("prerequisites of --comment and --issue", () => {
  it.each([
    {
      case: "--comment without a pull request number",
      args: ["reconcile", "--comment"],
      env: GITHUB,
      message: "cspops: --comment needs a pull request number\n",
      hint: "pass --pr N, or run in a workflow triggered by pull_request",
    },
    {
      case: "--comment without GITHUB_TOKEN",
      args: ["reconcile", "--comment", "--pr", "7"],
      env: { GITHUB_REPOSITORY: GITHUB.GITHUB_REPOSITORY },
      message: "cspops: --comment needs GITHUB_TOKEN\n",
      // biome-ignore lint/suspicious/noTemplateCurlyInString: a GitHub Actions expression.
      hint: "`env: GITHUB_TOKEN: ${{ secrets.GITHUB_TOKEN }}`",
    },
    {
      case: "--comment with nothing set",
      args: ["reconcile", "--comment"],
      env: {},
      message: "cspops: --comment needs a pull request number, GITHUB_TOKEN and GITHUB_REPOSITORY\n",
      hint: "export GITHUB_REPOSITORY=owner/repo",
    },
    {
      case: "--issue without GITHUB_REPOSITORY",
      args: ["drift", "--issue"],
      env: { GITHUB_TOKEN: GITHUB.GITHUB_TOKEN },
      message: "cspops: --issue needs GITHUB_REPOSITORY\n",
      hint: "export GITHUB_REPOSITORY=owner/repo",
    },
    {
      case: "--issue with a malformed GITHUB_REPOSITORY and no token",
      args: ["drift", "--issue"],
      env: { GITHUB_REPOSITORY: "partner-config" },
      message:
        "cspops: --issue needs GITHUB_TOKEN and GITHUB_REPOSITORY of the form owner/repo (not 'partner-config')\n",
      hint: "locally export a token that may write issues",
    },
  ])("$case: exit 2 before any file is read or any service called", async ({ args, env, message, hint }) => {
    const result = await run([...args, ...NO_WORK], env);

    expect(result.code, result.stderr).toBe(2);
    expect(result.stderr.startsWith(message), result.stderr).toBe(true);
    expect(result.stderr).toContain(hint);
    expect(result.stdout).toBe("");
  });

  it("lets a complete --issue environment through to the work (here: the missing folder, exit 1)", async () => {
    const result = await run(["drift", "--issue", ...NO_WORK], GITHUB);

    expect(result.code).toBe(1);
    expect(result.stderr).toContain("no-such-folder");
  });
});
