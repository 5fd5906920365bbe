import { spawn } from "node:child_process";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { ROOT } from "./support/run-cli.js";

const START = fileURLToPath(new URL("../../dist/cli/start.js", import.meta.url));

/** Runs `npm start`'s program until it says it keeps serving, then stops it. */
function runStart(): Promise<{ stdout: string; stderr: string; seconds: number; exit: number | null }> {
  return new Promise((settle, reject) => {
    const started = Date.now();
    const child = spawn(process.execPath, [START], {
      cwd: ROOT,
      env: { PATH: process.env.PATH ?? "", HOME: process.env.HOME ?? "", NO_COLOR: "1" },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let stdout = "";
    let stderr = "";
    let seconds = Number.NaN;
    const timer = setTimeout(() => child.kill("SIGKILL"), 20_000);
    child.stderr.on("data", (chunk: Buffer) => {
      stderr += chunk.toString();
    });
    child.stdout.on("data", (chunk: Buffer) => {
      stdout += chunk.toString();
      if (stdout.includes("Ctrl+C: stop") && Number.isNaN(seconds)) {
        seconds = (Date.now() - started) / 1000;
        child.kill("SIGTERM");
      }
    });
    child.on("error", reject);
    child.on("exit", (exit) => {
      clearTimeout(timer);
      settle({ stdout, stderr, seconds, exit });
    });
  });
}

describe("npm start", () => {
  it("prints the report of the example instances within seconds, with consent links to the emulator", async () => {
    const run = await runStart();

    expect(run.seconds, run.stderr).toBeLessThan(5);
    expect(run.stdout).toMatch(/contoso-primary\s+primary\s+global\s+ready/);
    expect(run.stdout).toMatch(/contoso-sandbox\s+sandbox\s+global\s+needs-consent/);
    expect(run.stdout).toMatch(/fabrikam-china\s+primary\s+china\s+blocked/);
    expect(run.stdout).toMatch(
      /error\s+conditional-access\.sign-in-frequency\s+Conditional Access policy "Administrators: sign in every 12 hours"/,
    );
    expect(run.stdout).toMatch(
      /warning agent\.password-changed\s+The password of admin agent adele@contoso\.onmicrosoft\.com changed/,
    );
    expect(run.stdout).toContain(
      "&login_hint=sandbox-admin%40contosotip.onmicrosoft.com&state=contoso-sandbox",
    );
    expect(run.stdout).toMatch(
      /https:\/\/127\.0\.0\.1:\d+\/3f1c2d4e-5a6b-4c7d-8e9f-0a1b2c3d4e5f\/oauth2\/v2\.0\/authorize\?/,
    );
    expect(run.stdout).toContain(
      "Sign in as sandbox-admin@contosotip.onmicrosoft.com: any password; for MFA",
    );
    expect(run.stdout).toContain("The emulator then shows where the browser was sent");
    expect(run.exit).toBe(0);
  });
});
