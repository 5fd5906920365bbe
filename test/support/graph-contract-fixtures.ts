// The Graph contract applied to data at rest: snapshot lists (fixtures, emulator seeds) and the
// documented examples, each object against the type Graph returns it as.
import type { GraphContract } from "./graph-contract.js";
import type { GraphVersion } from "./graph-metadata.js";

/** How the observer reads each snapshot list: its type, and whether Graph sends the objects whole. */
const LISTS: Readonly<Record<string, { version: GraphVersion; type: string; complete: boolean }>> = {
  // Read with a `$select`: the snapshot keeps what was selected.
  applications: { version: "v1.0", type: "microsoft.graph.application", complete: false },
  servicePrincipals: { version: "v1.0", type: "microsoft.graph.servicePrincipal", complete: false },
  users: { version: "v1.0", type: "microsoft.graph.user", complete: false },
  // Directory objects come with Graph's default property set.
  memberOf: { version: "v1.0", type: "microsoft.graph.directoryObject", complete: false },
  // Read whole.
  oauth2PermissionGrants: { version: "v1.0", type: "microsoft.graph.oAuth2PermissionGrant", complete: true },
  userRegistrationDetails: {
    version: "v1.0",
    type: "microsoft.graph.userRegistrationDetails",
    complete: true,
  },
  conditionalAccessPolicies: {
    version: "v1.0",
    type: "microsoft.graph.conditionalAccessPolicy",
    complete: true,
  },
  servicePrincipalSignInActivities: {
    version: "beta",
    type: "microsoft.graph.servicePrincipalSignInActivity",
    complete: true,
  },
};

/** Keys of a tenant observation that are cspops's own, not Graph objects (`unavailable`: lists not asked for). */
const OWN_KEYS = new Set(["error", "errors", "unavailable"]);

/** Problems with the Graph objects of a snapshot (`{ tenants: { id: { list: [...] } } }`). */
export function checkSnapshotObjects(contract: GraphContract, snapshot: unknown, where: string): string[] {
  const tenants = (snapshot as { tenants?: Record<string, Record<string, unknown>> }).tenants ?? {};
  const problems: string[] = [];
  for (const [tenantId, tenant] of Object.entries(tenants)) {
    for (const [name, value] of Object.entries(tenant)) {
      if (OWN_KEYS.has(name)) continue;
      const list = LISTS[name];
      const at = `${where} ${tenantId.slice(0, 8)}… ${name}`;
      if (list === undefined) {
        problems.push(
          `${at}: no Graph type is known for this list (add it to test/support/graph-contract-fixtures.ts)`,
        );
        continue;
      }
      const checker = contract.checkers[list.version];
      const items =
        name === "memberOf"
          ? Object.values(value as Record<string, unknown[]>).flat()
          : Array.isArray(value)
            ? value
            : [];
      items.forEach((item, index) => {
        problems.push(
          ...checker.checkObject(list.type, item, `${at}[${index}]`, { complete: list.complete }),
        );
      });
    }
  }
  return problems;
}

/** The documented examples (test/fixtures/snapshots/documented/graph-examples.json) by their key. */
const DOCUMENTED: Readonly<Record<string, keyof typeof LISTS>> = {
  application: "applications",
  servicePrincipal: "servicePrincipals",
  oAuth2PermissionGrant: "oauth2PermissionGrants",
  servicePrincipalSignInActivity: "servicePrincipalSignInActivities",
  user: "users",
  memberOfGroup: "memberOf",
  memberOfDirectoryRole: "memberOf",
  userRegistrationDetails: "userRegistrationDetails",
  conditionalAccessPolicy: "conditionalAccessPolicies",
};

export function checkDocumentedExamples(
  contract: GraphContract,
  examples: Record<string, unknown>,
  where: string,
) {
  const problems: string[] = [];
  for (const [key, example] of Object.entries(examples)) {
    if (key === "about" || key === "sources") continue;
    const listName = DOCUMENTED[key];
    const list = listName === undefined ? undefined : LISTS[listName];
    if (list === undefined) {
      problems.push(`${where} ${key}: no Graph type is known for this example`);
      continue;
    }
    problems.push(
      ...contract.checkers[list.version].checkObject(list.type, example, `${where} ${key}`, {
        complete: list.complete,
      }),
    );
  }
  return problems;
}

/** One Graph object checked as a member of a snapshot list. */
export function checkListObject(contract: GraphContract, listName: string, object: unknown, where: string) {
  const list = LISTS[listName];
  if (list === undefined) return [`${where}: no Graph type is known for ${listName}`];
  return contract.checkers[list.version].checkObject(list.type, object, where, { complete: list.complete });
}
