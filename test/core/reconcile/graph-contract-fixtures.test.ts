import { readdirSync, readFileSync } from "node:fs";
import { join, relative } from "node:path";
import { describe, expect, it } from "vitest";
import { buildExampleSeed } from "../../../src/emulator/seeds/example-instances.js";
import { buildFleet } from "../../../src/emulator/seeds/fleet.js";
import {
  conditionalAccessPolicy,
  directoryRoleMembership,
  graphApplication,
  graphServicePrincipal,
  graphUser,
  groupMembership,
  oauth2PermissionGrant,
  partnerCenterServicePrincipal,
  passwordCredential,
  servicePrincipalSignInActivity,
  signInFrequency,
  userRegistrationDetails,
} from "../../support/graph-builders.js";
import { createGraphContract } from "../../support/graph-contract.js";
import {
  checkDocumentedExamples,
  checkListObject,
  checkSnapshotObjects,
} from "../../support/graph-contract-fixtures.js";

const contract = createGraphContract();
const NOW = new Date("2026-11-20T10:00:00Z");
const snapshotsDir = join(import.meta.dirname, "../../fixtures/snapshots");
const root = join(import.meta.dirname, "../../..");

function jsonFiles(folder: string): string[] {
  return readdirSync(folder, { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory()
      ? jsonFiles(join(folder, entry.name))
      : entry.name.endsWith(".json")
        ? [join(folder, entry.name)]
        : [],
  );
}

describe("fixtures, seeds and builders hold only what Graph v1.0 (and beta for the sign-in report) sends", () => {
  const files = jsonFiles(snapshotsDir);

  it("finds the snapshot fixtures and the documented examples", () => {
    expect(files.map((file) => relative(snapshotsDir, file)).sort()).toEqual(
      expect.arrayContaining([
        "all-statuses/snapshot.json",
        "documented/graph-examples.json",
        "examples.json",
      ]),
    );
  });

  it.each(files.map((file) => [relative(root, file)]))("%s", (file) => {
    const data = JSON.parse(readFileSync(join(root, file), "utf8")) as Record<string, unknown>;

    const problems =
      "tenants" in data
        ? checkSnapshotObjects(contract, data, file)
        : checkDocumentedExamples(contract, data, file);

    expect(problems).toEqual([]);
  });

  it("the emulator seed of the example instances", () => {
    expect(checkSnapshotObjects(contract, buildExampleSeed(NOW), "example seed")).toEqual([]);
  });

  it("the emulator seed of a fleet in every state", () => {
    const fleet = buildFleet(10, NOW, { instancesPerTenant: 2 });

    expect(checkSnapshotObjects(contract, fleet.seed, "fleet seed")).toEqual([]);
  });

  const user = graphUser({ userPrincipalName: "adele@contoso.onmicrosoft.com" });
  const built: readonly [string, string, unknown][] = [
    [
      "graphApplication",
      "applications",
      graphApplication({
        appId: "5c7e9a1b-3d5f-4a7c-9e1b-3d5f7a9c1e3b",
        displayName: "Contoso BSS",
        tags: ["cspops"],
        redirectUris: ["https://bss.contoso.example/cb"],
        passwordCredentials: [
          passwordCredential({ endDateTime: "2027-01-01T00:00:00Z" }),
          passwordCredential({ endDateTime: null, seed: "forever" }),
        ],
      }),
    ],
    ["graphServicePrincipal", "servicePrincipals", graphServicePrincipal({ appId: "a", displayName: "x" })],
    ["partnerCenterServicePrincipal", "servicePrincipals", partnerCenterServicePrincipal("t")],
    [
      "oauth2PermissionGrant",
      "oauth2PermissionGrants",
      oauth2PermissionGrant({
        clientId: "a",
        resourceId: "b",
        scope: "user_impersonation",
        consentType: "Principal",
        principalId: user.id,
      }),
    ],
    [
      "servicePrincipalSignInActivity",
      "servicePrincipalSignInActivities",
      servicePrincipalSignInActivity({ appId: "a", lastDelegatedSignIn: "2026-01-01T00:00:00Z" }),
    ],
    [
      "servicePrincipalSignInActivity (never)",
      "servicePrincipalSignInActivities",
      servicePrincipalSignInActivity({ appId: "a", lastDelegatedSignIn: null }),
    ],
    ["graphUser", "users", user],
    ["groupMembership", "memberOf", groupMembership("AdminAgents")],
    ["directoryRoleMembership", "memberOf", directoryRoleMembership()],
    [
      "userRegistrationDetails (MFA)",
      "userRegistrationDetails",
      userRegistrationDetails({ user, isMfaRegistered: true }),
    ],
    [
      "userRegistrationDetails (no MFA)",
      "userRegistrationDetails",
      userRegistrationDetails({ user, isMfaRegistered: false }),
    ],
    [
      "conditionalAccessPolicy (sign-in frequency)",
      "conditionalAccessPolicies",
      conditionalAccessPolicy({
        displayName: "Administrators: sign in every 12 hours",
        includeRoles: ["62e90394-69f5-4237-9190-012177145e10"],
        signInFrequency: signInFrequency(12, "hours"),
      }),
    ],
  ];

  it.each(built)("the builder %s", (name, list, object) => {
    expect(checkListObject(contract, list, object, name)).toEqual([]);
  });
});
