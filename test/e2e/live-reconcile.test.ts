import { chmod, mkdtemp, readdir, readFile, rm, stat, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { buildExampleSeed } from "../../src/emulator/seeds/example-instances.js";
import { type RunningEmulator, startEmulator } from "../../src/emulator/start-emulator.js";
import { ROOT, runCli } from "./support/run-cli.js";

const NOW = "2026-11-20T10:00:00Z";
/** Shaped like an Entra client secret, so every redaction layer is exercised. */
const CANARY = "cnry8Q~CANARYcanaryCANARYcanaryCANARY0123";

let scratch: string;
let emulator: RunningEmulator | undefined;

async function start(clientSecret: string): Promise<RunningEmulator> {
  emulator = await startEmulator({
    seed: buildExampleSeed(new Date(NOW)),
    clients: { "9f8e7d6c-5b4a-4392-8170-6f5e4d3c2b1a": clientSecret },
  });
  return emulator;
}

beforeAll(async () => {
  scratch = await mkdtemp(join(tmpdir(), "cspops-live-"));
});

afterEach(async () => {
  await emulator?.close();
  emulator = undefined;
});

afterAll(async () => {
  await rm(scratch, { recursive: true, force: true });
});

describe("cspops observe and live reconcile against the emulator", () => {
  it("gives the same report live as from the snapshot `observe --out` wrote", async () => {
    const running = await start("emulator-client-secret-value");
    const out = join(scratch, "observed.json");

    const observe = await runCli(["observe", "--out", out], running.environment);
    const fromFile = await runCli(
      ["reconcile", "--observed", out, "--now", NOW, "--format", "json"],
      running.environment,
    );
    const live = await runCli(["reconcile", "--now", NOW, "--format", "json"], running.environment);

    expect(observe.code, observe.stderr).toBe(0);
    expect(live.code, live.stderr).toBe(0);
    const withoutObservedAt = (text: string) => ({ ...JSON.parse(text), observedAt: "(when observed)" });
    expect(withoutObservedAt(live.stdout)).toEqual(withoutObservedAt(fromFile.stdout));
    expect(JSON.parse(live.stdout).summary).toEqual({ blocked: 1, "needs-consent": 1, ready: 1 });
    const sandbox = JSON.parse(live.stdout).instances.find(
      (entry: { name: string }) => entry.name === "contoso-sandbox",
    );
    expect(
      sandbox.consentUrl.startsWith(
        `${running.authorityHost}/3f1c2d4e-5a6b-4c7d-8e9f-0a1b2c3d4e5f/oauth2/v2.0/authorize?`,
      ),
    ).toBe(true);
  });

  it("keeps the canary client secret out of every output and the snapshot", async () => {
    const running = await start(CANARY);
    const out = join(scratch, "canary.json");

    const observe = await runCli(["observe", "--out", out], running.environment);
    const live = await runCli(["reconcile", "--now", NOW], running.environment);

    expect(observe.code, observe.stderr).toBe(0);
    expect(live.stdout).toContain("contoso-sandbox");
    for (const text of [
      observe.stdout,
      observe.stderr,
      live.stdout,
      live.stderr,
      await readFile(out, "utf8"),
    ]) {
      expect(text).not.toContain(CANARY);
      expect(text).not.toContain("CANARYcanary");
    }
  });

  it("exits 3 without the canary when Entra refuses the secret, and leaves the old snapshot whole", async () => {
    const running = await start("the-secret-the-emulator-expects");
    const out = join(scratch, "kept.json");
    await writeFile(out, "previous snapshot\n");

    const observe = await runCli(["observe", "--out", out], {
      ...running.environment,
      AZURE_CLIENT_SECRET: CANARY,
    });
    const live = await runCli(["reconcile", "--format", "json"], {
      ...running.environment,
      AZURE_CLIENT_SECRET: CANARY,
    });

    expect(observe.code).toBe(3);
    expect(live.code).toBe(3);
    expect(observe.stderr).toContain("AADSTS7000215");
    expect(live.stdout).toBe("");
    expect(await readFile(out, "utf8")).toBe("previous snapshot\n");
    for (const text of [observe.stdout, observe.stderr, live.stdout, live.stderr])
      expect(text).not.toContain("CANARY");
  });

  it("refuses a plain-HTTP CSPOPS_GRAPH_URL with a hint instead of sending tokens over it", async () => {
    const running = await start("emulator-client-secret-value");

    const run = await runCli(["observe", "--out", join(scratch, "x.json")], {
      ...running.environment,
      CSPOPS_GRAPH_URL: "http://127.0.0.1:1",
    });

    expect(run.code).toBe(1);
    expect(run.stderr).toContain("CSPOPS_GRAPH_URL must be an https:// URL");
  });

  it("observe --out - writes the snapshot to stdout and creates no file named -", async () => {
    const running = await start("emulator-client-secret-value");

    const observe = await runCli(["observe", "--out", "-"], running.environment);

    expect(observe.code, observe.stderr).toBe(0);
    expect(JSON.parse(observe.stdout)).toMatchObject({ tenants: expect.any(Object) });
    expect(observe.stderr).toContain("into stdout");
    await expect(stat(join(ROOT, "-"))).rejects.toThrow();
  });

  it("observe --out into a missing folder fails before observing, with no Graph credential needed", async () => {
    const run = await runCli(["observe", "--out", join(scratch, "missing", "x.json")], {});

    expect(run.code).toBe(1);
    expect(run.stderr).toContain("the folder");
    expect(run.stderr).toContain("does not exist");
  });

  it("observe --out keeps an existing file's mode (0600 stays 0600)", async () => {
    const running = await start("emulator-client-secret-value");
    const out = join(scratch, "private.json");
    await writeFile(out, "previous snapshot\n", { mode: 0o600 });
    await chmod(out, 0o600);

    const observe = await runCli(["observe", "--out", out], running.environment);

    expect(observe.code, observe.stderr).toBe(0);
    expect((await stat(out)).mode & 0o777).toBe(0o600);
    expect((await readdir(scratch)).filter((name) => name.endsWith(".tmp"))).toEqual([]);
  });
});
