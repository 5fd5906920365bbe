import type { TokenCredential } from "@azure/identity";
import { afterEach, describe, expect, it } from "vitest";
import { createClientSecretCredential } from "../../../src/adapters/graph/create-credential.js";
import { CredentialPool } from "../../../src/adapters/graph/credential-pool.js";
import type { CredentialTarget } from "../../../src/adapters/graph/graph-observer.js";
import type { Cloud } from "../../../src/core/instance/instance.js";
import { buildFleet } from "../../../src/emulator/seeds/fleet.js";
import { type RunningEmulator, startEmulator } from "../../../src/emulator/start-emulator.js";
import { observerFor } from "./support/observe-emulator.js";

const NOW = new Date("2026-11-20T10:00:00Z");

let emulator: RunningEmulator | undefined;

afterEach(async () => {
  await emulator?.close();
  emulator = undefined;
});

describe("CredentialPool", () => {
  it("makes a new credential every N tenants of a cloud, from the first tenant it serves", () => {
    const madeFor: string[] = [];
    const pool = new CredentialPool<{ cloud: Cloud; tenantId: string }>((target) => {
      madeFor.push(`${target.cloud}:${target.tenantId}`);
      return { getToken: async () => null };
    }, 2);
    const handed = ["t1", "t2", "t3", "t4", "t5"].map((tenantId) =>
      pool.credentialFor({ cloud: "global", tenantId }),
    );
    const china = pool.credentialFor({ cloud: "china", tenantId: "c1" });

    expect(madeFor).toEqual(["global:t1", "global:t3", "global:t5", "china:c1"]);
    expect(handed[0]).toBe(handed[1]);
    expect(handed[1]).not.toBe(handed[2]);
    expect(handed[2]).toBe(handed[3]);
    expect(new Set([...handed, china]).size).toBe(4);
  });
});

describe("the observer's shared credentials", () => {
  it("read every tenant with its own token into the same snapshot as one credential per tenant", async () => {
    const fleet = buildFleet(10, NOW);
    emulator = await startEmulator({ seed: fleet.seed });
    const running = emulator;
    const made: string[] = [];
    const observerSharing = (tenantsPerCredential: number) =>
      observerFor(running, {
        tenantsPerCredential,
        credentialFor: ({ tenantId, agent }: CredentialTarget): TokenCredential => {
          made.push(tenantId);
          return createClientSecretCredential(
            { tenantId, ...running.client },
            { authorityHost: running.authorityHost, customAuthority: true, agent },
          );
        },
      });

    const alone = await observerSharing(1).observeTenants(fleet.instances);
    const aloneCounters = { ...running.state.counters };
    const madeAlone = made.splice(0).length;
    const shared = await observerSharing(4).observeTenants(fleet.instances);
    const sharedCounters = running.state.counters;

    // The emulator's Graph answers from the tenant named in the token: a token for the wrong
    // tenant would put another tenant's directory in the snapshot.
    expect(shared.tenants).toEqual(alone.tenants);
    expect(Object.values(shared.tenants).every((tenant) => tenant.error === undefined)).toBe(true);
    expect(madeAlone).toBe(10);
    expect(made).toHaveLength(3);
    // One token per tenant either way; Entra's endpoint metadata once per credential.
    expect(aloneCounters.tokenRequests).toBe(10);
    expect(sharedCounters.tokenRequests - aloneCounters.tokenRequests).toBe(10);
    expect(aloneCounters.metadataRequests).toBe(10);
    expect(sharedCounters.metadataRequests - aloneCounters.metadataRequests).toBe(3);
  });
});
