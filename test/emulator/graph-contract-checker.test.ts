import { describe, expect, it } from "vitest";
import { GRAPH_PROPERTY_NAMES } from "../../src/emulator/graph/graph-property-names.js";
import { createGraphContract, type GraphExchange } from "../support/graph-contract.js";
import { checkListObject } from "../support/graph-contract-fixtures.js";
import { isDateTimeOffset } from "../support/graph-metadata.js";

const contract = createGraphContract();
const GRAPH = "https://graph.microsoft.com";
const AGENT = "adele%40contoso.onmicrosoft.com";
const USER_ID = "87d349ed-44d7-43e1-9a83-5f2406dee5bd";

/** A Conditional Access policy in the shape of Microsoft's conditionalaccesspolicy-get example. */
function conditionalAccessPolicy(): Record<string, unknown> {
  return {
    id: "2b7c4d1e-6f3a-4b8c-9d0e-1f2a3b4c5d6e",
    templateId: null,
    displayName: "Sign in every time for admins",
    createdDateTime: "2026-01-02T14:26:29.1005248Z",
    modifiedDateTime: null,
    state: "enabledForReportingButNotEnforced",
    conditions: {
      userRiskLevels: [],
      signInRiskLevels: [],
      clientAppTypes: ["all"],
      servicePrincipalRiskLevels: [],
      insiderRiskLevels: null,
      platforms: null,
      locations: null,
      devices: null,
      clientApplications: null,
      applications: {
        includeApplications: ["fa3d9a0c-3fb0-42cc-9193-47c7ecd2edbd"],
        excludeApplications: [],
        includeUserActions: [],
        includeAuthenticationContextClassReferences: [],
        applicationFilter: null,
      },
      users: {
        includeUsers: [USER_ID],
        excludeUsers: [],
        includeGroups: [],
        excludeGroups: [],
        includeRoles: ["62e90394-69f5-4237-9190-012177145e10"],
        excludeRoles: [],
        includeGuestsOrExternalUsers: null,
        excludeGuestsOrExternalUsers: null,
      },
    },
    grantControls: {
      operator: "OR",
      builtInControls: ["mfa"],
      customAuthenticationFactors: [],
      termsOfUse: [],
    },
    sessionControls: {
      disableResilienceDefaults: null,
      applicationEnforcedRestrictions: null,
      cloudAppSecurity: null,
      persistentBrowser: null,
      signInFrequency: {
        value: null,
        type: null,
        authenticationType: "primaryAndSecondaryAuthentication",
        frequencyInterval: "everyTime",
        isEnabled: true,
      },
    },
  };
}

describe("the Graph contract checker", () => {
  it.each([
    ["/v1.0/servicePrincipals?$select=id,appId", "servicePrincipals(id,appId)"],
    ["/v1.0/applications", "applications"],
    [`/v1.0/users/${AGENT}?$select=id,displayName`, "users(id,displayName)/$entity"],
    [`/v1.0/users/${AGENT}`, "users/$entity"],
    [`/v1.0/users/${AGENT}/memberOf`, "directoryObjects"],
    ["/v1.0/servicePrincipals(appId='x')/oauth2PermissionGrants", "oauth2PermissionGrants"],
    [
      "/v1.0/reports/authenticationMethods/userRegistrationDetails",
      "reports/authenticationMethods/userRegistrationDetails",
    ],
    ["/v1.0/identity/conditionalAccess/policies", "identity/conditionalAccess/policies"],
    ["/beta/reports/servicePrincipalSignInActivities", "reports/servicePrincipalSignInActivities"],
  ])("expects the @odata.context Graph sends for %s", (path, fragment) => {
    const version = path.split("/")[1];

    expect(contract.expectedContext(`${GRAPH}${path}`)).toBe(`${GRAPH}/${version}/$metadata#${fragment}`);
  });

  it.each([
    ["/v1.0/servicePrincipals?$select=id,appId,publisherName", "$select names publisherName"],
    ["/v1.0/applications?$filter=appIdentifier eq 'x'", "$filter names appIdentifier"],
    ["/v1.0/applications?$expand=tags", "$expand names tags"],
    ["/v1.0/applications?$top=0", "$top=0 is not a positive integer"],
    ["/v1.0/applications?$search=x", "$search is not a query option"],
    ["/v1.0/userRegistrationDetails", "userRegistrationDetails is not an entity set or singleton"],
    ["/v1.0/servicePrincipals(clientId='x')/oauth2PermissionGrants", "not a key or alternate key"],
    ["/v1.0/reports/authenticationMethods/registrations", "has no navigation property registrations"],
    [`/v1.0/users/${AGENT}?$filter=accountEnabled eq true`, "$filter applies to collections"],
  ])("refuses the request %s", (path, problem) => {
    expect(contract.checkRequest("GET", `${GRAPH}${path}`).join("\n")).toContain(problem);
  });

  it.each([
    `/v1.0/users/${AGENT}?$select=id,userPrincipalName,accountEnabled,displayName,signInSessionsValidFromDateTime,lastPasswordChangeDateTime`,
    "/v1.0/applications?$filter=tags/any(t:t eq 'cspops:instance:a')&$select=id,web,passwordCredentials",
    "/v1.0/reports/authenticationMethods/userRegistrationDetails?$filter=userPrincipalName eq 'a@b.example'",
    "/v1.0/identity/conditionalAccess/policies",
    "/beta/reports/servicePrincipalSignInActivities?$filter=appId eq 'x'",
  ])("accepts the request %s", (path) => {
    expect(contract.checkRequest("GET", `${GRAPH}${path}`)).toEqual([]);
  });

  const answer = (path: string, body: unknown, status = 200): GraphExchange => ({
    method: "GET",
    url: `${GRAPH}${path}`,
    status,
    body,
  });
  const registration = {
    id: USER_ID,
    userPrincipalName: "adele@contoso.onmicrosoft.com",
    userDisplayName: "Adele Vance",
    isMfaRegistered: true,
    isMfaCapable: true,
    isPasswordlessCapable: false,
    isSsprCapable: false,
    isSsprEnabled: false,
    isSsprRegistered: false,
    lastUpdatedDateTime: "2026-03-13T19:15:41.6195833Z",
  };
  const { isSsprCapable: _, ...withoutSsprCapable } = registration;
  const registrations = "/v1.0/reports/authenticationMethods/userRegistrationDetails";
  const context = (fragment: string) => `${GRAPH}/v1.0/$metadata#${fragment}`;

  it.each<[string, GraphExchange, string]>([
    [
      "a context without the selection",
      answer("/v1.0/servicePrincipals?$select=id", {
        "@odata.context": context("servicePrincipals"),
        value: [],
      }),
      "Graph sends",
    ],
    [
      "a context without /$entity",
      answer(`/v1.0/users/${AGENT}?$select=id`, { "@odata.context": context("users(id)"), id: USER_ID }),
      "Graph sends",
    ],
    [
      "the contained collection's bare name",
      answer(registrations, { "@odata.context": context("userRegistrationDetails"), value: [registration] }),
      "Graph sends",
    ],
    [
      "a non-nullable property left out",
      answer(registrations, {
        "@odata.context": context("reports/authenticationMethods/userRegistrationDetails"),
        value: [withoutSsprCapable],
      }),
      "userRegistrationDetails.isSsprCapable is missing",
    ],
    [
      "a property v1.0 lacks",
      answer(registrations, {
        "@odata.context": context("reports/authenticationMethods/userRegistrationDetails"),
        value: [{ ...registration, defaultMfaMethod: "push" }],
      }),
      "has no property defaultMfaMethod in v1.0",
    ],
    [
      "a selected property left out",
      answer(`/v1.0/users/${AGENT}?$select=id,accountEnabled`, {
        "@odata.context": context("users(id,accountEnabled)/$entity"),
        id: USER_ID,
      }),
      "user.accountEnabled is missing",
    ],
    [
      "an error without Graph's shape",
      answer("/v1.0/applications", { message: "no" }, 400),
      "not a Graph error body",
    ],
  ])("flags an answer with %s", (_name, exchange, problem) => {
    expect(contract.checkResponse(exchange).join("\n")).toContain(problem);
  });

  it("accepts a Conditional Access policy as Microsoft documents it, and checks its nested types", () => {
    const policy = conditionalAccessPolicy();
    const broken = conditionalAccessPolicy();
    (
      broken.sessionControls as { signInFrequency: { frequencyInterval: string } }
    ).signInFrequency.frequencyInterval = "hourly";
    delete (broken.conditions as { users: { includeUsers?: unknown } }).users.includeUsers;

    const problems = checkListObject(contract, "conditionalAccessPolicies", broken, "policy");

    expect(checkListObject(contract, "conditionalAccessPolicies", policy, "policy")).toEqual([]);
    expect(problems.join("\n")).toContain('"hourly" is not a signInFrequencyInterval');
    expect(problems.join("\n")).toContain("conditionalAccessUsers.includeUsers is missing");
  });

  it.each<[string, unknown, string]>([
    [
      "an offset without two-digit hours",
      { lastSignInDateTime: "2026-01-01T00:00:00-8:00" },
      "not an Edm.DateTimeOffset",
    ],
    ["no time zone", { lastSignInDateTime: "2026-01-01T00:00:00" }, "not an Edm.DateTimeOffset"],
    ["a navigation property as a value", { endpoints: [] }, "endpoints is a navigation property"],
    ["a malformed GUID", { appOwnerOrganizationId: "not-a-guid" }, "not an Edm.Guid"],
    ["a string for a boolean", { accountEnabled: "true" }, "not an Edm.Boolean"],
    ["null for a non-nullable collection", { tags: null }, "not nullable"],
  ])("flags %s", (_name, fields, problem) => {
    const base = { id: "x", appId: "y" };
    const object =
      "lastSignInDateTime" in (fields as object)
        ? { ...base, delegatedClientSignInActivity: fields }
        : { ...base, ...(fields as object) };
    const list =
      "lastSignInDateTime" in (fields as object) ? "servicePrincipalSignInActivities" : "servicePrincipals";

    expect(checkListObject(contract, list, object, "object").join("\n")).toContain(problem);
  });

  it.each([
    ["2026-11-20T10:00:00Z", true],
    ["2019-09-17T19:10:35.2742618Z", true],
    ["2026-01-01T00:00:00-08:00", true],
    ["2026-02-30T00:00:00Z", false],
    ["2026-01-01T24:00:00Z", false],
    ["2026-01-01", false],
  ])("reads %s as an Edm.DateTimeOffset: %s", (text, valid) => {
    expect(isDateTimeOffset(text)).toBe(valid);
  });

  it("refuses batch ids that differ only in case", () => {
    const body = JSON.stringify({
      requests: [
        { id: "a", method: "GET", url: "/applications" },
        { id: "A", method: "GET", url: "/servicePrincipals" },
      ],
    });

    expect(contract.checkBatchRequest(body)).toEqual([
      "$batch: request id A is not unique (Graph compares ids without case)",
    ]);
  });

  it("agrees with the property names the emulator accepts in $select (both made by scripts/extract-graph-metadata.mjs)", () => {
    const selectable = Object.entries(GRAPH_PROPERTY_NAMES).map(([type, names]) => {
      const version = type in contract.metadata["v1.0"].types ? "v1.0" : "beta";
      const types = contract.checkers[version];
      const declared = types.lineage(type).map((name) => types.typeOf(name));
      const known = (kind: "properties" | "navigationProperties") =>
        declared.flatMap((entry) => Object.keys(entry?.[kind] ?? {})).sort();
      return [
        type,
        {
          properties: names.properties.split(" ").filter(Boolean),
          navigation: names.navigation.split(" ").filter(Boolean),
        },
        { properties: known("properties"), navigation: known("navigationProperties") },
      ] as const;
    });

    expect(selectable.length).toBeGreaterThan(5);
    for (const [type, emulated, metadata] of selectable) expect(emulated, type).toEqual(metadata);
  });
});
