import { afterEach, describe, expect, it } from "vitest";
import { findUser } from "../../src/emulator/emulator-state.js";
import { applyConsent } from "../../src/emulator/entra/consent.js";
import type { RecordedGraphExchange } from "../../src/emulator/graph/graph-reply.js";
import { buildExampleSeed, EXAMPLE_TENANTS } from "../../src/emulator/seeds/example-instances.js";
import { buildFleet } from "../../src/emulator/seeds/fleet.js";
import { type RunningEmulator, startEmulator } from "../../src/emulator/start-emulator.js";
import { loadExampleInstances, observerFor } from "../adapters/graph/support/observe-emulator.js";
import { createGraphContract } from "../support/graph-contract.js";
import { form, httpsRequest } from "./support/https-request.js";

const NOW = new Date("2026-11-20T10:00:00Z");
const contract = createGraphContract();
let emulator: RunningEmulator | undefined;

afterEach(async () => {
  await emulator?.close();
  emulator = undefined;
});

async function record(seed: Parameters<typeof startEmulator>[0]["seed"], pageSize = 100) {
  const exchanges: RecordedGraphExchange[] = [];
  emulator = await startEmulator({
    seed,
    pageSize,
    now: () => NOW,
    recordGraph: (exchange) => exchanges.push(exchange),
  });
  return { running: emulator, exchanges };
}

describe("the observer and the emulator speak Graph as Microsoft's metadata describes it", () => {
  it("every request and answer of an observation of the example instances, one just consented", async () => {
    const { running, exchanges } = await record(buildExampleSeed(NOW), 1);
    const sandbox = EXAMPLE_TENANTS[1]!;
    const tenant = running.state.tenants.get(sandbox.tenantId)!;
    // The grant, service principal and sign-in that the emulated consent page creates are answered too.
    applyConsent({
      tenant,
      app: tenant.applications[0]!,
      user: findUser(tenant, sandbox.agent.upn)!,
      scopes: ["user_impersonation"],
      forOrganisation: false,
      now: NOW,
    });

    await observerFor(running).observeTenants(await loadExampleInstances());

    const reads = exchanges.filter((exchange) => exchange.method === "GET");
    expect(reads.length).toBeGreaterThan(20);
    expect(contract.checkAll(exchanges)).toEqual([]);
  });

  it("every request and answer of an observation of a fleet in every state", async () => {
    const fleet = buildFleet(10, NOW, { instancesPerTenant: 2 });
    const { running, exchanges } = await record(fleet.seed);

    await observerFor(running).observeTenants(fleet.instances);

    expect(exchanges.some((exchange) => exchange.url.includes("/$batch"))).toBe(true);
    expect(contract.checkAll(exchanges)).toEqual([]);
  });
});

describe("the emulator answers every read it serves as Graph does", () => {
  const primary = EXAMPLE_TENANTS[0]!;

  async function client() {
    const { running, exchanges } = await record(buildExampleSeed(NOW), 1);
    const { body, headers } = form({
      grant_type: "client_credentials",
      client_id: running.client.clientId,
      client_secret: running.client.clientSecret,
      scope: "https://graph.microsoft.com/.default",
    });
    const token = await httpsRequest(`${running.authorityHost}/${primary.tenantId}/oauth2/v2.0/token`, {
      ca: running.caCertPem,
      method: "POST",
      headers,
      body,
    });
    const authorization = `Bearer ${token.json<{ access_token: string }>().access_token}`;
    const send = (path: string, options: { method?: string; body?: string } = {}) =>
      httpsRequest(`${running.graphUrl}${path}`, {
        ca: running.caCertPem,
        headers: { authorization, "content-type": "application/json" },
        ...options,
      });
    return { send, exchanges };
  }

  it("answers each of its routes, by id and by key, with Graph's context and objects", async () => {
    const { send, exchanges } = await client();
    const agent = encodeURIComponent(primary.agent.upn);

    for (const path of [
      "/v1.0/applications?$top=1",
      "/v1.0/servicePrincipals?$select=id,appId",
      "/v1.0/oauth2PermissionGrants",
      `/v1.0/servicePrincipals(appId='${primary.appId}')/oauth2PermissionGrants`,
      `/v1.0/users/${agent}`,
      `/v1.0/users/${agent}?$select=id,displayName`,
      `/v1.0/users/${primary.agent.id}/memberOf`,
      "/v1.0/reports/authenticationMethods/userRegistrationDetails",
      `/v1.0/reports/authenticationMethods/userRegistrationDetails/${primary.agent.id}`,
      "/beta/reports/servicePrincipalSignInActivities",
    ]) {
      expect((await send(path)).status, path).toBe(200);
    }

    expect(exchanges).toHaveLength(10);
    expect(contract.checkAll(exchanges)).toEqual([]);
  });

  it("sends a selected property that has no value as null, under Graph's spelling", async () => {
    const { send, exchanges } = await client();
    const agent = encodeURIComponent(primary.agent.upn);

    const answer = await send(`/v1.0/users/${agent}?$select=ID,jobtitle`);

    expect(answer.json()).toEqual({
      "@odata.context": `${new URL(exchanges[0]!.url).origin}/v1.0/$metadata#users(ID,jobtitle)/$entity`,
      id: primary.agent.id,
      jobTitle: null,
    });
  });

  it("refuses a $select of a property the type does not have, as Graph does", async () => {
    const { send } = await client();

    const answer = await send("/v1.0/servicePrincipals?$select=id,publisherName");

    expect(answer.status).toBe(400);
    expect(answer.json()).toMatchObject({
      error: {
        code: "Request_BadRequest",
        message:
          "Could not find a property named 'publisherName' on type 'microsoft.graph.servicePrincipal'.",
      },
    });
  });

  it("refuses a $batch whose ids differ only in case, as Graph does", async () => {
    const { send } = await client();
    const requests = [
      { id: "a", method: "GET", url: "/applications" },
      { id: "A", method: "GET", url: "/servicePrincipals" },
    ];

    const answer = await send("/v1.0/$batch", { method: "POST", body: JSON.stringify({ requests }) });

    expect(answer.status).toBe(400);
    expect(answer.json()).toMatchObject({ error: { code: "BadRequest" } });
  });
});
