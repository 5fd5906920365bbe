import { instanceTag } from "../instance/identifiers.js";
import type { GraphApplication } from "../snapshot/snapshot.js";
import { fileMaintainer, PLATFORM_TEAM, tenantAdministrator } from "./actors.js";
import type { InstanceContext } from "./context.js";
import { parseGraphDateTime } from "./dates.js";
import { missingListFinding } from "./observation-gaps.js";
import type { Finding } from "./report.js";

export type AppLookup =
  | { readonly kind: "found"; readonly app: GraphApplication; readonly findings: readonly Finding[] }
  | { readonly kind: "missing" | "unknown"; readonly findings: readonly Finding[] };

/**
 * Finds the instance's app: by `existingAppId` when the YAML adopts one, else by the tag
 * `cspops:instance:<name>` that the Pulumi program sets. Two apps with the tag is a finding of its
 * own; the planner then judges the oldest, so that the report is the same on every run.
 */
export function findApp(context: InstanceContext): AppLookup {
  const { instance, tenant } = context;
  const existingAppId = instance.spec.app.existingAppId;
  const byAppId = tenant.applicationsByAppId;
  const byTag = tenant.applicationsByInstanceTag;
  if (byAppId === undefined || byTag === undefined) {
    return {
      kind: "unknown",
      findings: [
        missingListFinding(context, "applications", "the instance's app cannot be looked up", "unknown"),
      ],
    };
  }
  if (existingAppId !== undefined) {
    const app = byAppId.get(existingAppId.toLowerCase());
    return app === undefined
      ? { kind: "missing", findings: [adoptedAppMissing(context, existingAppId)] }
      : { kind: "found", app, findings: [] };
  }
  const tag = instanceTag(instance.metadata.name);
  const tagged = byTag.get(tag) ?? [];
  const [first, ...others] = [...tagged].sort(compareByAge);
  if (first === undefined) return { kind: "missing", findings: [taggedAppMissing(context, tag)] };
  if (others.length === 0) return { kind: "found", app: first, findings: [] };
  return { kind: "found", app: first, findings: [duplicateTag(context, tag, first, others)] };
}

function taggedAppMissing(context: InstanceContext, tag: string): Finding {
  const domain = context.instance.spec.partner.defaultDomain;
  return {
    code: "app.missing",
    severity: "error",
    status: "not-provisioned",
    message: `No Entra app in ${domain} carries the tag ${tag}: run \`pulumi up\` to create the app, its service principal and its Key.`,
    actor: PLATFORM_TEAM,
  };
}

function adoptedAppMissing(context: InstanceContext, appId: string): Finding {
  const domain = context.instance.spec.partner.defaultDomain;
  return {
    code: "app.missing",
    severity: "error",
    status: "not-provisioned",
    message: `No Entra app with appId ${appId} (spec.app.existingAppId) exists in ${domain}: correct existingAppId in ${context.loaded.file}, or remove it so that \`pulumi up\` creates the app.`,
    actor: fileMaintainer(context.loaded.file),
  };
}

function duplicateTag(
  context: InstanceContext,
  tag: string,
  judged: GraphApplication,
  others: readonly GraphApplication[],
): Finding {
  const strays = others.map((app) => app.appId).join(", ");
  return {
    code: "app.duplicate-tag",
    severity: "error",
    status: "drifted",
    message: `${others.length + 1} Entra apps carry the tag ${tag}; this report judges the oldest (appId ${judged.appId}). Delete the other app(s) (appId ${strays}) in the Entra admin center, or remove the tag from them, so that the BSS and Pulumi agree on one app.`,
    actor: tenantAdministrator(context.instance),
  };
}

/** Oldest first; the object id breaks ties so that the choice never depends on Graph's order. */
function compareByAge(a: GraphApplication, b: GraphApplication): number {
  const created = createdAt(a) - createdAt(b);
  if (created !== 0 && !Number.isNaN(created)) return created;
  return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}

function createdAt(app: GraphApplication): number {
  return parseGraphDateTime(app.createdDateTime) ?? Number.POSITIVE_INFINITY;
}
