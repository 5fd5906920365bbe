import { afterEach, describe, expect, it } from "vitest";
import { ServiceError } from "../../../src/core/diagnostics/errors.js";
import { planReconcile } from "../../../src/core/reconcile/plan-reconcile.js";
import { parseSnapshot } from "../../../src/core/snapshot/parse-snapshot.js";
import { buildExampleSeed, EXAMPLE_TENANTS } from "../../../src/emulator/seeds/example-instances.js";
import {
  type EmulatorOptions,
  type RunningEmulator,
  startEmulator,
} from "../../../src/emulator/start-emulator.js";
import { loadExampleInstances, observerFor, statusesOf } from "./support/observe-emulator.js";

const NOW = new Date("2026-11-20T10:00:00Z");
const [primary, sandbox, china] = EXAMPLE_TENANTS as [
  (typeof EXAMPLE_TENANTS)[number],
  (typeof EXAMPLE_TENANTS)[number],
  (typeof EXAMPLE_TENANTS)[number],
];

let emulator: RunningEmulator | undefined;

async function start(options: Partial<EmulatorOptions> = {}): Promise<RunningEmulator> {
  emulator = await startEmulator({ seed: buildExampleSeed(NOW), ...options });
  return emulator;
}

afterEach(async () => {
  await emulator?.close();
  emulator = undefined;
});

describe("the Graph observer against the emulator", () => {
  it("reads each example tenant into a valid snapshot that plans to ready, needs-consent and blocked", async () => {
    const running = await start({ pageSize: 1 });
    const instances = await loadExampleInstances();

    const snapshot = await observerFor(running).observeTenants(instances);

    expect(parseSnapshot(JSON.stringify(snapshot)).ok).toBe(true);
    expect(statusesOf(planReconcile(instances, snapshot, NOW))).toEqual({
      "contoso-primary": "ready",
      "contoso-sandbox": "needs-consent",
      "fabrikam-china": "blocked",
    });
  });

  it("keeps Key metadata but never a Key's hint or text", async () => {
    const running = await start();
    const seeded = running.state.tenants.get(primary.tenantId)!.applications[0]!;
    (seeded.passwordCredentials as Record<string, unknown>[])[0]!.hint = "Xy7";

    const snapshot = await observerFor(running).observeTenants(await loadExampleInstances());

    const credential = snapshot.tenants[primary.tenantId]?.applications?.[0]?.passwordCredentials[0];
    expect(credential).toMatchObject({ endDateTime: expect.any(String) });
    expect(credential).not.toHaveProperty("hint");
    expect(credential).not.toHaveProperty("secretText");
  });

  it("finds an adopted app by existingAppId rather than by tag", async () => {
    const running = await start();
    const [loaded] = await loadExampleInstances();
    const adopted = {
      ...loaded!,
      instance: {
        ...loaded!.instance,
        metadata: { ...loaded!.instance.metadata, name: "contoso-adopted" },
        spec: {
          ...loaded!.instance.spec,
          app: { ...loaded!.instance.spec.app, existingAppId: primary.appId! },
        },
      },
    };

    const snapshot = await observerFor(running).observeTenants([adopted]);

    expect(statusesOf(planReconcile([adopted], snapshot, NOW))).toEqual({ "contoso-adopted": "ready" });
  });

  it("reports a tenant that answers 403 as that tenant's error and still reads the others", async () => {
    const running = await start({ tenants: { [sandbox.tenantId]: { forbidden: true } } });
    const instances = await loadExampleInstances();

    const snapshot = await observerFor(running).observeTenants(instances);

    expect(snapshot.tenants[sandbox.tenantId]).toEqual({
      error: {
        status: 403,
        code: "Authorization_RequestDenied",
        message: expect.any(String),
        requestId: expect.any(String),
      },
    });
    expect(statusesOf(planReconcile(instances, snapshot, NOW))).toEqual({
      "contoso-primary": "ready",
      "contoso-sandbox": "unknown",
      "fabrikam-china": "blocked",
    });
  });

  it("times a slow tenant out on its own while the others are read in time", async () => {
    const running = await start({ tenants: { [china.tenantId]: { latencyMs: 3_000 } } });
    const instances = await loadExampleInstances();
    const started = Date.now();

    const snapshot = await observerFor(running, { requestTimeoutMs: 400 }).observeTenants(instances);

    expect(Date.now() - started).toBeLessThan(2_500);
    expect(snapshot.tenants[china.tenantId]?.error).toMatchObject({ code: "Timeout" });
    expect(statusesOf(planReconcile(instances, snapshot, NOW))).toMatchObject({
      "contoso-primary": "ready",
      "contoso-sandbox": "needs-consent",
      "fabrikam-china": "unknown",
    });
  });

  it("gives a tenant Entra does not know its own error", async () => {
    const running = await start();
    running.state.tenants.delete(sandbox.tenantId);
    const instances = await loadExampleInstances();

    const snapshot = await observerFor(running).observeTenants(instances);

    // The credential learnt Entra's endpoints from the other tenant, so the token endpoint answers.
    expect(snapshot.tenants[sandbox.tenantId]?.error).toMatchObject({
      code: "invalid_request",
      message: expect.stringContaining("AADSTS90002"),
    });
    expect(snapshot.tenants[primary.tenantId]?.error).toBeUndefined();
    // A credential of its own fails earlier: Entra has no endpoints for the tenant.
    const alone = await observerFor(running, { tenantsPerCredential: 1 }).observeTenants(instances);
    expect(alone.tenants[sandbox.tenantId]?.error).toMatchObject({ code: "endpoints_resolution_error" });
    expect(alone.tenants[primary.tenantId]?.error).toBeUndefined();
  });

  it("fails as a whole with a ServiceError (exit 3) when no tenant can be read", async () => {
    const forbidden = Object.fromEntries(EXAMPLE_TENANTS.map((spec) => [spec.tenantId, { forbidden: true }]));
    const running = await start({ tenants: forbidden });

    const observing = observerFor(running).observeTenants(await loadExampleInstances());

    await expect(observing).rejects.toBeInstanceOf(ServiceError);
    await expect(observing).rejects.toMatchObject({ exitCode: 3, status: 403, service: "Microsoft Graph" });
  });

  it("reports a refused client secret as Entra's error without the secret", async () => {
    const running = await start();
    const wrong = "wrong7Q~canaryCANARYcanaryCANARYcanary12";

    const error = await observerFor(running, { clientSecret: wrong })
      .observeTenants(await loadExampleInstances())
      .catch((caught: unknown) => caught);

    expect(error).toBeInstanceOf(ServiceError);
    expect((error as ServiceError).message).toContain("AADSTS7000215");
    expect(error).toMatchObject({ service: "Microsoft Entra ID", code: "invalid_client", exitCode: 3 });
    expect(JSON.stringify({ ...(error as object), message: (error as Error).message })).not.toContain(
      "canary",
    );
  });
});
