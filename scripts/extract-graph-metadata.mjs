#!/usr/bin/env node
// Regenerates test/fixtures/graph-metadata.json: the part of Microsoft Graph's own metadata that the
// observer touches (the entity sets, singletons and paths it reads, the types they return with every
// property, Nullable flag and navigation property, and the complex and enum types those reach), so
// that the Graph contract test (test/support/graph-contract.ts) runs offline on a small file.
//
//   node scripts/extract-graph-metadata.mjs [msgraph-metadata git dir] [commit]
//
// v1.0 comes from `schemas/v1.0-Prod.csdl` of github.com/microsoftgraph/msgraph-metadata at COMMIT:
// read with `git show` from a local clone (bare or not) when its path is given, otherwise downloaded
// from raw.githubusercontent.com. That repository does not always carry the beta CSDL, so beta (the
// `servicePrincipalSignInActivities` report only) comes from the typings Microsoft generates from it,
// the npm package @microsoft/microsoft-graph-types-beta: `NullableOption<T>` is Nullable="true", an
// interface that extends `Entity` is an entity type (so a property of that type is a navigation
// property), and a `string` whose name ends in `DateTime` is an Edm.DateTimeOffset (Graph's naming
// rule; the typings spell every primitive as `string`).
import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { XMLParser } from "fast-xml-parser";

const REPOSITORY = "microsoftgraph/msgraph-metadata";
const DEFAULT_COMMIT = "f54f11b60956ea7b185ca0447b2b80805836ec7b";
const V1_FILE = "schemas/v1.0-Prod.csdl";
const BETA_PACKAGE = "@microsoft/microsoft-graph-types-beta";
const BETA_VERSION = "0.44.0-preview";
const BETA_FILE = "package/microsoft-graph.d.ts";

/** What the observer reads (src/adapters/graph/tenant-reads.ts), and what each read is for. */
const PATHS = {
  "v1.0": {
    "/applications": "the instance's app, by tag or by adopted app id",
    "/servicePrincipals": "the app's and Partner Center's service principals, by appId",
    "/servicePrincipals(appId='{appId}')/oauth2PermissionGrants": "the app's delegated grants",
    "/users/{id}": "the admin agent, addressed by UPN",
    "/users/{id}/memberOf": "the admin agent's groups and directory roles",
    "/reports/authenticationMethods/userRegistrationDetails": "the admin agent's MFA registration",
    "/identity/conditionalAccess/policies": "Conditional Access policies (sign-in frequency)",
  },
  beta: {
    "/reports/servicePrincipalSignInActivities": "the app's last delegated sign-in",
  },
};

/**
 * Entity types given in full: every type a read returns, and the directory objects `memberOf` lists.
 * Base types come with them. Types on a path only as a way through (reportRoot, identityContainer…)
 * keep only the navigation properties of the paths above.
 */
const FULL_TYPES = {
  "v1.0": [
    "microsoft.graph.application",
    "microsoft.graph.servicePrincipal",
    "microsoft.graph.oAuth2PermissionGrant",
    "microsoft.graph.user",
    "microsoft.graph.group",
    "microsoft.graph.directoryRole",
    "microsoft.graph.administrativeUnit",
    "microsoft.graph.userRegistrationDetails",
    "microsoft.graph.conditionalAccessPolicy",
  ],
  beta: ["microsoft.graph.servicePrincipalSignInActivity"],
};

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const output = join(root, "test/fixtures/graph-metadata.json");
/** The emulator refuses a `$select` of a property the type does not have, as Graph does. */
const propertyNamesOutput = join(root, "src/emulator/graph/graph-property-names.ts");
const [gitDir, revision = DEFAULT_COMMIT] = process.argv.slice(2);
// The fixture names the commit itself, never a branch or `HEAD` that moves.
const commit = gitDir === undefined ? revision : git(gitDir, ["rev-parse", `${revision}^{commit}`]).trim();

const v1 = extractV1(parseCsdl(await readV1Csdl(gitDir, commit)));
const beta = extractBeta(readBetaTypings());
const fixture = {
  source: {
    "v1.0": { repository: REPOSITORY, commit, file: V1_FILE },
    beta: { package: BETA_PACKAGE, version: BETA_VERSION, file: BETA_FILE.replace(/^package\//, "") },
  },
  regenerate: "node scripts/extract-graph-metadata.mjs [path to a msgraph-metadata clone] [commit]",
  paths: PATHS,
  "v1.0": v1,
  beta,
};
writeFileSync(output, `${JSON.stringify(fixture, null, 1)}\n`);
writePropertyNames(fixture);
console.log(
  `wrote ${Object.keys(v1.types).length} v1.0 and ${Object.keys(beta.types).length} beta types ` +
    `(${REPOSITORY}@${commit.slice(0, 12)}, ${BETA_PACKAGE}@${BETA_VERSION}) to ${output.slice(root.length + 1)}`,
);

/** Per entity type the observer reads: its property and navigation names (base types included), for the emulator's `$select`. */
function writePropertyNames(extracted) {
  const names = {};
  for (const version of ["v1.0", "beta"]) {
    const { types } = extracted[version];
    for (const name of FULL_TYPES[version]) {
      if (types[name].kind !== "entity") continue;
      const properties = [];
      const navigation = [];
      for (let current = name; current !== undefined; current = types[current]?.baseType) {
        properties.push(...Object.keys(types[current].properties));
        navigation.push(...Object.keys(types[current].navigationProperties));
      }
      names[name] = { properties: properties.sort().join(" "), navigation: navigation.sort().join(" ") };
    }
  }
  const source = [
    "// Generated by scripts/extract-graph-metadata.mjs from Microsoft Graph's metadata",
    `// (${REPOSITORY}@${commit}, ${BETA_PACKAGE}@${BETA_VERSION}); do not edit.`,
    "",
    "/** Per entity type the observer reads: its property and navigation property names (base types included), space-separated. */",
    "export const GRAPH_PROPERTY_NAMES: Readonly<Record<string, { properties: string; navigation: string }>> =",
    `  ${JSON.stringify(names, null, 2)};`,
    "",
  ].join("\n");
  writeFileSync(propertyNamesOutput, source);
  const npx = process.platform === "win32" ? "npx.cmd" : "npx";
  execFileSync(npx, ["biome", "format", "--write", propertyNamesOutput], { cwd: root, stdio: "ignore" });
}

async function readV1Csdl(directory, revision) {
  if (directory !== undefined) return git(directory, ["show", `${revision}:${V1_FILE}`]);
  const url = `https://raw.githubusercontent.com/${REPOSITORY}/${revision}/${V1_FILE}`;
  const response = await fetch(url);
  if (!response.ok) throw new Error(`${url}: ${response.status}`);
  return response.text();
}

function git(directory, args) {
  return execFileSync("git", ["--git-dir", gitDirOf(directory), ...args], {
    encoding: "utf8",
    maxBuffer: 64 * 1024 * 1024,
  });
}

function gitDirOf(directory) {
  try {
    return execFileSync("git", ["-C", directory, "rev-parse", "--absolute-git-dir"], {
      encoding: "utf8",
    }).trim();
  } catch {
    return directory;
  }
}

// ---------------------------------------------------------------------------------------------- v1.0

function parseCsdl(text) {
  const arrays = new Set([
    "Schema",
    "EntityType",
    "ComplexType",
    "EnumType",
    "Member",
    "Property",
    "NavigationProperty",
    "EntitySet",
    "Singleton",
    "NavigationPropertyBinding",
    "Annotation",
    "Record",
    "PropertyValue",
  ]);
  const parser = new XMLParser({
    ignoreAttributes: false,
    attributeNamePrefix: "",
    removeNSPrefix: true,
    isArray: (name, _path, _leaf, isAttribute) => !isAttribute && arrays.has(name),
  });
  const schemas = parser.parse(text).Edmx.DataServices.Schema;
  const aliases = new Map(schemas.map((schema) => [schema.Alias ?? schema.Namespace, schema.Namespace]));
  const qualify = (name) => {
    const collection = /^Collection\((.+)\)$/.exec(name);
    if (collection !== null) return `Collection(${qualify(collection[1])})`;
    const dot = name.lastIndexOf(".");
    const prefix = name.slice(0, dot);
    return aliases.has(prefix) ? `${aliases.get(prefix)}.${name.slice(dot + 1)}` : name;
  };
  const types = new Map();
  let container;
  for (const schema of schemas) {
    for (const kind of ["EntityType", "ComplexType", "EnumType"]) {
      for (const type of schema[kind] ?? []) types.set(`${schema.Namespace}.${type.Name}`, { kind, type });
    }
    container ??= schema.EntityContainer;
  }
  return { types, container, qualify };
}

function extractV1({ types, container, qualify }) {
  const entitySets = {};
  const singletons = {};
  const roots = new Set(Object.keys(PATHS["v1.0"]).map((path) => path.split("/")[1].replace(/\(.*$/, "")));
  const sets = container.EntitySet ?? [];
  for (const set of sets) {
    if (roots.has(set.Name)) entitySets[set.Name] = { type: set.EntityType, bindings: bindingsOf(set) };
  }
  // The entity sets that navigation on the paths leads to name the answers' `@odata.context`.
  const targets = new Set(
    Object.keys(PATHS["v1.0"]).flatMap((path) => {
      const [first, ...rest] = path.split("/").slice(1);
      const bindings = entitySets[first.replace(/\(.*$/, "")]?.bindings ?? {};
      return rest.flatMap((segment) => bindings[segment] ?? []);
    }),
  );
  for (const set of sets) {
    if (targets.has(set.Name)) entitySets[set.Name] ??= { type: set.EntityType, bindings: {} };
  }
  for (const singleton of container.Singleton ?? []) {
    if (roots.has(singleton.Name)) singletons[singleton.Name] = { type: singleton.Type };
  }

  const picked = {};
  const enums = {};
  const pending = [...FULL_TYPES["v1.0"]];
  const full = new Set(FULL_TYPES["v1.0"]);
  // Base types of the full types are full too: their properties are the derived types' properties.
  while (pending.length > 0) {
    const name = pending.pop();
    if (picked[name] !== undefined || enums[name] !== undefined) continue;
    const entry = types.get(name);
    if (entry === undefined) throw new Error(`type ${name} is not in ${V1_FILE}`);
    if (entry.kind === "EnumType") {
      enums[name] = {
        isFlags: entry.type.IsFlags === "true",
        members: (entry.type.Member ?? []).map((member) => member.Name),
      };
      continue;
    }
    picked[name] = describeType(entry, qualify, full.has(name) || entry.kind === "ComplexType");
    const { baseType, properties } = picked[name];
    if (baseType !== undefined) {
      full.add(baseType);
      pending.push(baseType);
    }
    for (const property of Object.values(properties)) {
      const element = elementType(property.type);
      if (!element.startsWith("Edm.")) pending.push(element);
    }
    // Complex types that derive from a picked complex type may stand in for it (`@odata.type`).
    if (entry.kind === "ComplexType") {
      for (const [other, candidate] of types) {
        if (candidate.kind === "ComplexType" && qualifyBase(candidate, qualify) === name) pending.push(other);
      }
    }
  }
  addPathTypes(picked, types, qualify, entitySets, singletons);
  return { entitySets, singletons, types: sortKeys(picked), enums: sortKeys(enums) };
}

/** The types a path walks through (reportRoot, identityContainer, …), with only the navigation it takes. */
function addPathTypes(picked, types, qualify, entitySets, singletons) {
  for (const path of Object.keys(PATHS["v1.0"])) {
    const [first, ...rest] = path.split("/").slice(1);
    const rootName = first.replace(/\(.*$/, "");
    let current = entitySets[rootName]?.type ?? singletons[rootName]?.type;
    for (const segment of rest) {
      if (segment.startsWith("{")) continue;
      const owner = findNavigation(types, qualify, current, segment);
      if (owner === undefined) throw new Error(`${path}: ${current} has no navigation property ${segment}`);
      const { declaringType, navigation } = owner;
      picked[declaringType] ??= describeType(types.get(declaringType), qualify, false);
      picked[declaringType].navigationProperties[segment] = navigation;
      current = elementType(navigation.type);
    }
  }
}

function findNavigation(types, qualify, typeName, segment) {
  let name = typeName;
  while (name !== undefined) {
    const entry = types.get(name);
    const found = (entry.type.NavigationProperty ?? []).find((navigation) => navigation.Name === segment);
    if (found !== undefined) {
      return { declaringType: name, navigation: navigationOf(found, qualify) };
    }
    name = qualifyBase(entry, qualify);
  }
  return undefined;
}

function describeType(entry, qualify, withMembers) {
  const { kind, type } = entry;
  const described = {
    kind: kind === "EntityType" ? "entity" : "complex",
    ...(type.BaseType === undefined ? {} : { baseType: qualify(type.BaseType) }),
    ...(type.Abstract === "true" ? { abstract: true } : {}),
    ...(type.OpenType === "true" ? { openType: true } : {}),
    properties: {},
    navigationProperties: {},
  };
  const alternateKeys = alternateKeysOf(type);
  if (alternateKeys.length > 0) described.alternateKeys = alternateKeys;
  if (!withMembers) return described;
  for (const property of type.Property ?? []) {
    described.properties[property.Name] = {
      type: qualify(property.Type),
      nullable: property.Nullable !== "false",
    };
  }
  for (const navigation of type.NavigationProperty ?? []) {
    described.navigationProperties[navigation.Name] = navigationOf(navigation, qualify);
  }
  return described;
}

function navigationOf(navigation, qualify) {
  return {
    type: qualify(navigation.Type),
    ...(navigation.ContainsTarget === "true" ? { containsTarget: true } : {}),
  };
}

function qualifyBase(entry, qualify) {
  return entry.type.BaseType === undefined ? undefined : qualify(entry.type.BaseType);
}

/** `Org.OData.Core.V1.AlternateKeys`: e.g. `servicePrincipals(appId='…')`. */
function alternateKeysOf(type) {
  const keys = [];
  for (const annotation of type.Annotation ?? []) {
    if (annotation.Term !== "Org.OData.Core.V1.AlternateKeys") continue;
    for (const record of annotation.Collection?.Record ?? []) {
      for (const value of record.PropertyValue ?? []) {
        for (const reference of value.Collection?.Record ?? []) {
          const alias = (reference.PropertyValue ?? []).find((entry) => entry.Property === "Alias");
          if (alias?.String !== undefined) keys.push(alias.String);
        }
      }
    }
  }
  return keys;
}

function bindingsOf(set) {
  return Object.fromEntries(
    (set.NavigationPropertyBinding ?? []).map((binding) => [binding.Path, binding.Target]),
  );
}

function elementType(type) {
  return /^Collection\((.+)\)$/.exec(type)?.[1] ?? type;
}

function sortKeys(object) {
  return Object.fromEntries(
    Object.keys(object)
      .sort()
      .map((key) => [key, object[key]]),
  );
}

// ---------------------------------------------------------------------------------------------- beta

function readBetaTypings() {
  const folder = mkdtempSync(join(tmpdir(), "cspops-graph-types-"));
  try {
    const npm = process.platform === "win32" ? "npm.cmd" : "npm";
    const tarball = execFileSync(
      npm,
      ["pack", `${BETA_PACKAGE}@${BETA_VERSION}`, "--pack-destination", folder, "--silent"],
      { encoding: "utf8" },
    )
      .trim()
      .split("\n")
      .at(-1);
    execFileSync("tar", ["xzf", join(folder, tarball), "-C", folder, BETA_FILE]);
    return readFileSync(join(folder, BETA_FILE), "utf8").replaceAll("\r\n", "\n");
  } finally {
    rmSync(folder, { recursive: true, force: true });
  }
}

/** `export interface Name extends Base { member?: Type; … }` → { base, members }. */
function parseInterfaces(text) {
  const interfaces = new Map();
  const pattern = /^export interface (\w+)(?: extends (\w+))? \{\n([\s\S]*?)^\}/gm;
  for (const [, name, base, body] of text.matchAll(pattern)) {
    const members = {};
    for (const [, member, type] of body.matchAll(/^\s{4}"?([\w@.]+)"?\??: (.+);$/gm)) members[member] = type;
    interfaces.set(name, { base, members });
  }
  return interfaces;
}

function extractBeta(text) {
  const interfaces = parseInterfaces(text);
  const graphName = (name) => `microsoft.graph.${name[0].toLowerCase()}${name.slice(1)}`;
  const isEntity = (name) => {
    for (let current = name; current !== undefined; current = interfaces.get(current)?.base) {
      if (current === "Entity") return true;
    }
    return false;
  };
  const picked = {};
  const pending = FULL_TYPES.beta.map((name) => name.replace("microsoft.graph.", "")).map(pascal);
  while (pending.length > 0) {
    const name = pending.pop();
    if (picked[graphName(name)] !== undefined) continue;
    const declared = interfaces.get(name);
    if (declared === undefined) throw new Error(`interface ${name} is not in ${BETA_PACKAGE}`);
    const described = {
      kind: isEntity(name) ? "entity" : "complex",
      ...(declared.base === undefined ? {} : { baseType: graphName(declared.base) }),
      properties: {},
      navigationProperties: {},
    };
    if (declared.base !== undefined) pending.push(declared.base);
    for (const [member, tsType] of Object.entries(declared.members)) {
      const { type, nullable, reference } = edmTypeOf(member, tsType, graphName);
      if (reference !== undefined && isEntity(reference)) {
        described.navigationProperties[member] = { type };
        continue;
      }
      if (reference !== undefined) pending.push(reference);
      described.properties[member] = { type, nullable };
    }
    picked[graphName(name)] = described;
  }
  // The report is reached through the `reports` singleton; its navigation is contained.
  const reportRoot = interfaces.get("ReportRoot");
  const report = reportRoot?.members.servicePrincipalSignInActivities;
  if (report === undefined)
    throw new Error(`ReportRoot.servicePrincipalSignInActivities is not in ${BETA_PACKAGE}`);
  picked["microsoft.graph.reportRoot"] = {
    kind: "entity",
    properties: {},
    navigationProperties: {
      servicePrincipalSignInActivities: { type: edmTypeOf("", report, graphName).type, containsTarget: true },
    },
  };
  return {
    entitySets: {},
    singletons: { reports: { type: "microsoft.graph.reportRoot" } },
    types: sortKeys(picked),
    enums: {},
  };
}

function pascal(name) {
  return `${name[0].toUpperCase()}${name.slice(1)}`;
}

function edmTypeOf(member, tsType, graphName) {
  const nullableMatch = /^NullableOption<(.+)>$/.exec(tsType);
  const inner = nullableMatch?.[1] ?? tsType;
  const collection = inner.endsWith("[]");
  const element = collection ? inner.slice(0, -2) : inner;
  let type;
  let reference;
  if (element === "string") type = /DateTime$/.test(member) ? "Edm.DateTimeOffset" : "Edm.String";
  else if (element === "boolean") type = "Edm.Boolean";
  else if (element === "number") type = "Edm.Int32";
  else if (/^[A-Z]\w*$/.test(element)) {
    reference = element;
    type = graphName(element);
  } else throw new Error(`cannot map the TypeScript type ${tsType} of ${member}`);
  return { type: collection ? `Collection(${type})` : type, nullable: nullableMatch !== null, reference };
}
