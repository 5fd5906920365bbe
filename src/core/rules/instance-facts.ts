import { isRecord } from "../json/is-record.js";
import { describeRedirectUri, type RedirectUriShape } from "./redirect-uri.js";

/** A value read from an instance file, with the JSON pointer it came from. */
export interface Located<T> {
  readonly value: T;
  readonly pointer: string;
}

/**
 * What the cross-file rules need from one file, read defensively: a field is present only when it
 * has the right type, so the rules also see files with schema errors elsewhere (one bad field
 * never hides a duplicate name or a broken pair).
 */
export interface InstanceFacts {
  readonly file: string;
  readonly name: Located<string> | undefined;
  readonly environment: Located<"primary" | "sandbox"> | undefined;
  readonly sandboxOf: Located<string> | undefined;
  readonly cloud: Located<string> | undefined;
  readonly tenantId: Located<string> | undefined;
  readonly defaultDomain: Located<string> | undefined;
  readonly adminAgent: Located<string> | undefined;
  readonly existingAppId: Located<string> | undefined;
  readonly redirectUris: readonly (Located<string> & { readonly shape: RedirectUriShape })[];
  /** `spec.acknowledge.until`, a `YYYY-MM-DD` day. */
  readonly acknowledgeUntil: Located<string> | undefined;
}

/**
 * Reads the facts of one file. Values at `invalidPointers` (where the schema already reported a
 * problem) are left out, so a rule never adds a second, derived complaint about a wrong value.
 * Written as plain property reads: it runs once per file, 10,000 times in the benchmark.
 */
export function readInstanceFacts(
  file: string,
  data: unknown,
  invalidPointers: ReadonlySet<string> = NONE,
): InstanceFacts {
  const metadata = objectAt(data, "metadata");
  const spec = objectAt(data, "spec");
  const partner = objectAt(spec, "partner");
  const app = objectAt(spec, "app");
  const consent = objectAt(spec, "consent");
  const valid = (value: unknown, pointer: string): Located<string> | undefined =>
    typeof value === "string" && !invalidPointers.has(pointer) ? { value, pointer } : undefined;
  const environment = spec?.environment;
  return {
    file,
    name: valid(metadata?.name, "/metadata/name"),
    environment:
      (environment === "primary" || environment === "sandbox") && !invalidPointers.has("/spec/environment")
        ? { value: environment, pointer: "/spec/environment" }
        : undefined,
    sandboxOf: valid(spec?.sandboxOf, "/spec/sandboxOf"),
    cloud: valid(spec?.cloud, "/spec/cloud"),
    tenantId: valid(partner?.tenantId, "/spec/partner/tenantId"),
    defaultDomain: valid(partner?.defaultDomain, "/spec/partner/defaultDomain"),
    adminAgent: valid(consent?.adminAgent, "/spec/consent/adminAgent"),
    existingAppId: valid(app?.existingAppId, "/spec/app/existingAppId"),
    redirectUris: readRedirectUris(app?.redirectUris, invalidPointers),
    acknowledgeUntil: valid(objectAt(spec, "acknowledge")?.until, "/spec/acknowledge/until"),
  };
}

const NONE: ReadonlySet<string> = new Set();

function objectAt(data: unknown, key: string): Record<string, unknown> | undefined {
  if (!isRecord(data)) return undefined;
  const value = data[key];
  return isRecord(value) ? value : undefined;
}

function readRedirectUris(
  value: unknown,
  invalidPointers: ReadonlySet<string>,
): InstanceFacts["redirectUris"] {
  if (!Array.isArray(value)) return [];
  const uris: (Located<string> & { readonly shape: RedirectUriShape })[] = [];
  for (let index = 0; index < value.length; index++) {
    const item: unknown = value[index];
    const pointer = `/spec/app/redirectUris/${index}`;
    if (typeof item === "string" && !invalidPointers.has(pointer)) {
      uris.push({ value: item, pointer, shape: describeRedirectUri(item) });
    }
  }
  return uris;
}
