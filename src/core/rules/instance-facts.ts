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

/** Where each single-valued fact is read from; `packFacts` keeps this order. */
const FACT_POINTERS = {
  name: "/metadata/name",
  environment: "/spec/environment",
  sandboxOf: "/spec/sandboxOf",
  cloud: "/spec/cloud",
  tenantId: "/spec/partner/tenantId",
  defaultDomain: "/spec/partner/defaultDomain",
  adminAgent: "/spec/consent/adminAgent",
  existingAppId: "/spec/app/existingAppId",
  acknowledgeUntil: "/spec/acknowledge/until",
} as const;
const REDIRECT_URI_POINTER = "/spec/app/redirectUris/";

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
    name: valid(metadata?.name, FACT_POINTERS.name),
    environment:
      (environment === "primary" || environment === "sandbox") &&
      !invalidPointers.has(FACT_POINTERS.environment)
        ? { value: environment, pointer: FACT_POINTERS.environment }
        : undefined,
    sandboxOf: valid(spec?.sandboxOf, FACT_POINTERS.sandboxOf),
    cloud: valid(spec?.cloud, FACT_POINTERS.cloud),
    tenantId: valid(partner?.tenantId, FACT_POINTERS.tenantId),
    defaultDomain: valid(partner?.defaultDomain, FACT_POINTERS.defaultDomain),
    adminAgent: valid(consent?.adminAgent, FACT_POINTERS.adminAgent),
    existingAppId: valid(app?.existingAppId, FACT_POINTERS.existingAppId),
    redirectUris: readRedirectUris(app?.redirectUris, invalidPointers),
    acknowledgeUntil: valid(objectAt(spec, "acknowledge")?.until, FACT_POINTERS.acknowledgeUntil),
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
    const pointer = `${REDIRECT_URI_POINTER}${index}`;
    if (typeof item === "string" && !invalidPointers.has(pointer)) {
      uris.push({ value: item, pointer, shape: describeRedirectUri(item) });
    }
  }
  return uris;
}

/**
 * `InstanceFacts` as a flat list (strings, and null for what is absent), about a third of their
 * size when copied between threads (src/cli/validate-chunk.ts): each present field's pointer is
 * the fixed one `readInstanceFacts` gives it, and a redirect URI's is its index in the list.
 */
export type PackedFacts = readonly (string | number | null)[];

/** The single-valued fields, in their packed order (`unpackFacts` reads them back by index). */
const FIELDS = Object.keys(FACT_POINTERS) as (keyof typeof FACT_POINTERS)[];

export function packFacts(facts: InstanceFacts): PackedFacts {
  const packed: (string | number | null)[] = [facts.file];
  for (const field of FIELDS) packed.push(facts[field]?.value ?? null);
  for (const uri of facts.redirectUris) {
    packed.push(
      Number(uri.pointer.slice(REDIRECT_URI_POINTER.length)),
      uri.value,
      uri.shape.scheme ?? null,
      uri.shape.host ?? null,
    );
  }
  return packed;
}

/** The facts `packFacts` packed, equal to them property for property. */
export function unpackFacts(packed: PackedFacts): InstanceFacts {
  const read = (index: number, pointer: string): Located<string> | undefined => {
    const value = packed[index];
    return typeof value === "string" ? { value, pointer } : undefined;
  };
  const redirectUris: (Located<string> & { readonly shape: RedirectUriShape })[] = [];
  for (let index = FIELDS.length + 1; index + 3 < packed.length; index += 4) {
    const scheme = packed[index + 2];
    const host = packed[index + 3];
    redirectUris.push({
      value: String(packed[index + 1]),
      pointer: `${REDIRECT_URI_POINTER}${packed[index]}`,
      shape: {
        scheme: typeof scheme === "string" ? scheme : undefined,
        host: typeof host === "string" ? host : undefined,
      },
    });
  }
  // Every field of FACT_POINTERS, each read back as `readInstanceFacts` located it.
  const located = Object.fromEntries(
    FIELDS.map((field, at) => [field, read(at + 1, FACT_POINTERS[field])]),
  ) as Pick<InstanceFacts, keyof typeof FACT_POINTERS>;
  return { file: String(packed[0]), ...located, redirectUris };
}
