import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildExampleSeed, EXAMPLE_TENANTS } from "../../src/emulator/seeds/example-instances.js";
import { type RunningEmulator, startEmulator } from "../../src/emulator/start-emulator.js";
import { form, httpsRequest } from "./support/https-request.js";

const primary = EXAMPLE_TENANTS[0]!;
const sandbox = EXAMPLE_TENANTS[1]!;
const china = EXAMPLE_TENANTS[2]!;

let emulator: RunningEmulator;

async function tokenFor(tenantId: string): Promise<string> {
  const { body, headers } = form({
    grant_type: "client_credentials",
    client_id: emulator.client.clientId,
    client_secret: emulator.client.clientSecret,
    scope: "https://graph.microsoft.com/.default",
  });
  const answer = await httpsRequest(`${emulator.authorityHost}/${tenantId}/oauth2/v2.0/token`, {
    ca: emulator.caCertPem,
    method: "POST",
    headers,
    body,
  });
  return answer.json<{ access_token: string }>().access_token;
}

async function graphGet(tenantId: string, path: string) {
  return httpsRequest(`${emulator.graphUrl}${path}`, {
    ca: emulator.caCertPem,
    headers: { authorization: `Bearer ${await tokenFor(tenantId)}` },
  });
}

beforeAll(async () => {
  emulator = await startEmulator({ seed: buildExampleSeed(new Date("2026-11-20T10:00:00Z")), pageSize: 1 });
});

afterAll(async () => {
  await emulator.close();
});

describe("the Graph emulator", () => {
  it("serves the tenant's Conditional Access policies at /identity/conditionalAccess/policies", async () => {
    const answer = await graphGet(china.tenantId, "/v1.0/identity/conditionalAccess/policies");

    expect(answer.status).toBe(200);
    expect(answer.json()).toMatchObject({
      value: [
        {
          displayName: "Administrators: sign in every 12 hours",
          state: "enabled",
          sessionControls: { signInFrequency: { value: 12, type: "hours", isEnabled: true } },
        },
      ],
    });
  });

  it("answers the admin agent's session and password dates when selected, and a disabled account as such", async () => {
    emulator.state.tenants.get(primary.tenantId)!.users[0]!.accountEnabled = false;

    const answer = await graphGet(
      primary.tenantId,
      `/v1.0/users/${encodeURIComponent(primary.agent.upn)}?$select=id,accountEnabled,signInSessionsValidFromDateTime,lastPasswordChangeDateTime`,
    );
    emulator.state.tenants.get(primary.tenantId)!.users[0]!.accountEnabled = true;

    expect(Object.keys(answer.json<object>()).sort()).toEqual([
      "@odata.context",
      "accountEnabled",
      "id",
      "lastPasswordChangeDateTime",
      "signInSessionsValidFromDateTime",
    ]);
    expect(answer.json()).toMatchObject({
      accountEnabled: false,
      lastPasswordChangeDateTime: "2026-11-16T10:00:00.000Z",
    });
  });

  it("finds an application by its instance tag, selecting only the asked fields", async () => {
    const filter = encodeURIComponent("tags/any(t:t eq 'cspops:instance:contoso-primary')");

    const answer = await graphGet(
      primary.tenantId,
      `/v1.0/applications?$filter=${filter}&$select=appId,displayName`,
    );

    expect(answer.status).toBe(200);
    expect(answer.json()).toMatchObject({
      value: [{ appId: primary.appId, displayName: primary.displayName }],
    });
    expect(answer.json<{ value: object[] }>().value[0]).not.toHaveProperty("passwordCredentials");
  });

  it("pages a collection with an absolute @odata.nextLink until the last page", async () => {
    const first = await graphGet(primary.tenantId, "/v1.0/servicePrincipals");
    const next = first.json<{ "@odata.nextLink": string }>()["@odata.nextLink"];

    const second = await graphGet(primary.tenantId, new URL(next).pathname + new URL(next).search);

    expect(first.json<{ value: unknown[] }>().value).toHaveLength(1);
    expect(next.startsWith(`${emulator.graphUrl}/v1.0/servicePrincipals?`)).toBe(true);
    expect(second.json<{ value: unknown[] }>().value).toHaveLength(1);
  });

  it("answers a $batch with one sub-response per request, 404s included", async () => {
    const token = await tokenFor(sandbox.tenantId);
    const requests = [
      {
        id: "1",
        method: "GET",
        url: `/users/${encodeURIComponent(sandbox.agent.upn)}?$select=id,accountEnabled`,
      },
      { id: "2", method: "GET", url: "/users/nobody%40contosotip.onmicrosoft.com" },
    ];

    const answer = await httpsRequest(`${emulator.graphUrl}/v1.0/$batch`, {
      ca: emulator.caCertPem,
      method: "POST",
      headers: { authorization: `Bearer ${token}`, "content-type": "application/json" },
      body: JSON.stringify({ requests }),
    });

    const { responses } = answer.json<{ responses: { id: string; status: number; body: unknown }[] }>();
    expect(responses.find((entry) => entry.id === "1")).toMatchObject({
      status: 200,
      body: { id: sandbox.agent.id },
    });
    expect(responses.find((entry) => entry.id === "2")).toMatchObject({
      status: 404,
      body: { error: { code: "Request_ResourceNotFound" } },
    });
  });

  it("refuses a batch of more than 20 requests, as Graph does", async () => {
    const token = await tokenFor(primary.tenantId);
    const requests = Array.from({ length: 21 }, (_, index) => ({
      id: String(index),
      method: "GET",
      url: "/applications",
    }));

    const answer = await httpsRequest(`${emulator.graphUrl}/v1.0/$batch`, {
      ca: emulator.caCertPem,
      method: "POST",
      headers: { authorization: `Bearer ${token}`, "content-type": "application/json" },
      body: JSON.stringify({ requests }),
    });

    expect(answer.status).toBe(400);
  });

  it("answers without a valid token with Graph's 401 error shape", async () => {
    const answer = await httpsRequest(`${emulator.graphUrl}/v1.0/applications`, {
      ca: emulator.caCertPem,
      headers: { authorization: "Bearer not-a-token" },
    });

    expect(answer.status).toBe(401);
    expect(answer.json()).toMatchObject({
      error: { code: "InvalidAuthenticationToken", innerError: { "request-id": expect.any(String) } },
    });
  });

  it("denies a tenant marked forbidden with 403 Authorization_RequestDenied", async () => {
    emulator.state.tenants.get(sandbox.tenantId)!.forbidden = true;

    const answer = await graphGet(sandbox.tenantId, "/v1.0/applications");

    emulator.state.tenants.get(sandbox.tenantId)!.forbidden = false;
    expect(answer.status).toBe(403);
    expect(answer.json()).toMatchObject({ error: { code: "Authorization_RequestDenied" } });
  });

  it("serves the beta sign-in activities by app id, and not under v1.0", async () => {
    const filter = encodeURIComponent(`appId eq '${primary.appId}'`);

    const beta = await graphGet(
      primary.tenantId,
      `/beta/reports/servicePrincipalSignInActivities?$filter=${filter}`,
    );
    const v1 = await graphGet(
      primary.tenantId,
      `/v1.0/reports/servicePrincipalSignInActivities?$filter=${filter}`,
    );

    expect(beta.json()).toMatchObject({
      value: [{ appId: primary.appId, delegatedClientSignInActivity: {} }],
    });
    expect(v1.status).toBe(400);
  });
});
