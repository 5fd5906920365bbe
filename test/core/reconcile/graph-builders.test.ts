import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { parseGraphDateTime } from "../../../src/core/reconcile/dates.js";
import { parseSnapshot } from "../../../src/core/snapshot/parse-snapshot.js";
import {
  conditionalAccessPolicy,
  directoryRoleMembership,
  graphApplication,
  graphServicePrincipal,
  graphUser,
  groupMembership,
  oauth2PermissionGrant,
  passwordCredential,
  servicePrincipalSignInActivity,
  userRegistrationDetails,
} from "../../support/graph-builders.js";

type Documented = Record<string, Record<string, unknown>>;
const documented = JSON.parse(
  readFileSync(join(import.meta.dirname, "../../fixtures/snapshots/documented/graph-examples.json"), "utf8"),
) as Documented;
const example = (name: string): Record<string, unknown> => {
  const value = documented[name];
  if (value === undefined) throw new Error(`no documented example ${name}`);
  return value;
};

/** The JSON shape of a value: keys and value kinds, recursively; null matches any kind. */
function shapeDifferences(built: unknown, doc: unknown, path = ""): string[] {
  if (built === null || doc === null) return [];
  const kind = (value: unknown) => (Array.isArray(value) ? "array" : typeof value);
  if (kind(built) !== kind(doc)) return [`${path}: ${kind(built)} where Microsoft documents ${kind(doc)}`];
  if (Array.isArray(built) && Array.isArray(doc)) {
    return built.length > 0 && doc.length > 0 ? shapeDifferences(built[0], doc[0], `${path}/0`) : [];
  }
  if (typeof built !== "object" || typeof doc !== "object") return [];
  const b = built as Record<string, unknown>;
  const d = doc as Record<string, unknown>;
  const keys = new Set([...Object.keys(b), ...Object.keys(d)]);
  return [...keys].flatMap((key) => {
    if (!(key in b)) return [`${path}/${key}: documented but not built`];
    if (!(key in d)) return [`${path}/${key}: built but not documented`];
    return shapeDifferences(b[key], d[key], `${path}/${key}`);
  });
}

const builders: readonly [string, () => unknown][] = [
  [
    "application",
    () =>
      graphApplication({
        appId: "5c7e9a1b-3d5f-4a7c-9e1b-3d5f7a9c1e3b",
        displayName: "Contoso BSS",
        tags: ["cspops"],
        redirectUris: ["https://bss.contoso.example/cb"],
        passwordCredentials: [passwordCredential({ endDateTime: "2027-01-01T00:00:00Z" })],
      }),
  ],
  [
    "servicePrincipal",
    () => graphServicePrincipal({ appId: "5c7e9a1b-3d5f-4a7c-9e1b-3d5f7a9c1e3b", displayName: "x" }),
  ],
  [
    "oAuth2PermissionGrant",
    () => oauth2PermissionGrant({ clientId: "a", resourceId: "b", scope: "user_impersonation" }),
  ],
  [
    "servicePrincipalSignInActivity",
    () => servicePrincipalSignInActivity({ appId: "a", lastDelegatedSignIn: "2026-01-01T00:00:00Z" }),
  ],
  ["user", () => graphUser({ userPrincipalName: "adele@contoso.onmicrosoft.com" })],
  ["memberOfGroup", () => groupMembership("AdminAgents")],
  ["conditionalAccessPolicy", () => conditionalAccessPolicy({ displayName: "Admins every 12 hours" })],
  ["memberOfDirectoryRole", () => directoryRoleMembership()],
  [
    "userRegistrationDetails",
    () =>
      userRegistrationDetails({
        user: graphUser({ userPrincipalName: "a@b.onmicrosoft.com" }),
        isMfaRegistered: true,
      }),
  ],
];

describe("Graph builders", () => {
  it.each(builders)("build %s in the shape Microsoft documents", (name, build) => {
    const built = build();

    expect(shapeDifferences(built, example(name))).toEqual([]);
  });

  it("the documented examples make a snapshot the schema accepts", () => {
    const user = example("user");
    const snapshot = {
      schemaVersion: 1,
      observedAt: "2026-11-20T10:00:00Z",
      tenants: {
        "6a3b8c1e-0d2f-4b7a-9c5e-1f2a3b4c5d6e": {
          applications: [example("application")],
          servicePrincipals: [example("servicePrincipal")],
          oauth2PermissionGrants: [example("oAuth2PermissionGrant")],
          servicePrincipalSignInActivities: [example("servicePrincipalSignInActivity")],
          users: [user],
          memberOf: { [String(user.id)]: [example("memberOfGroup"), example("memberOfDirectoryRole")] },
          userRegistrationDetails: [example("userRegistrationDetails")],
          conditionalAccessPolicies: [example("conditionalAccessPolicy")],
        },
      },
    };

    const result = parseSnapshot(JSON.stringify(snapshot));

    expect(result).toMatchObject({ ok: true });
  });

  it("reads the sign-in dates as the documented example writes them", () => {
    const activity = example("servicePrincipalSignInActivity").delegatedClientSignInActivity as {
      lastSignInDateTime: string;
    };

    const epoch = parseGraphDateTime(activity.lastSignInDateTime);

    expect(new Date(epoch ?? 0).toISOString()).toBe("2026-01-01T08:00:00.000Z");
  });
});
