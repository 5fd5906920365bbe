#!/usr/bin/env node
// Times the whole `cspops reconcile --observed` process (start-up, loading and validating the YAML
// files, reading and checking the snapshot, planning, rendering JSON) at 1,000 and 10,000 instances
// (primary + sandbox pairs, each in its own tenant). Goal: at most 2 s at 10,000, growing linearly.
// Runs the built dist/ (`npm run build` first, or `npm run bench`, which builds).
import { spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

const root = fileURLToPath(new URL("../..", import.meta.url));
const cli = join(root, "dist/cli/main.js");
const NOW = "2026-11-20T10:00:00Z";
const SIZES = [1_000, 10_000];
const RUNS = 3;
const GOAL_MS = 2_000;

const PARTNER_CENTER_APP_ID = "fa3d9a0c-3fb0-42cc-9193-47c7ecd2edbd";
const USER_IMPERSONATION_ID = "1cebfa2a-fb4d-419e-b5f9-839b4383e05a";
const DAY = 86_400_000;
const now = Date.parse(NOW);
const daysAgo = (days) => new Date(now - days * DAY).toISOString();

/** A GUID per (kind, index): readable and unique. */
function guid(kind, index) {
  const hex = index.toString(16).padStart(12, "0");
  return `${kind.toString(16).padStart(8, "0")}-0000-4000-8000-${hex}`;
}

function instanceYaml({ name, environment, sandboxOf, tenantId, domain }) {
  return [
    "apiVersion: cspops/v1",
    "kind: PartnerInstance",
    "metadata:",
    `  name: ${name}`,
    "spec:",
    `  environment: ${environment}`,
    ...(sandboxOf ? [`  sandboxOf: ${sandboxOf}`] : []),
    "  cloud: global",
    "  partner:",
    `    tenantId: ${tenantId}`,
    `    defaultDomain: ${domain}`,
    "    cspStatus: indirect",
    "  app:",
    `    displayName: ${name} BSS`,
    "    redirectUris:",
    `      - https://bss.${name}.example/ms/consent/callback`,
    "  consent:",
    `    adminAgent: admin@${domain}`,
    "",
  ].join("\n");
}

/** The tenant of one instance in Graph's shapes; `state` picks which status it should get. */
function tenantObservation(instance, index, state) {
  const appId = guid(1, index);
  const spId = guid(2, index);
  const pcSpId = guid(3, index);
  const userId = guid(4, index);
  const application = {
    id: guid(5, index),
    appId,
    displayName: state === "drifted" ? "renamed by hand" : `${instance.name} BSS`,
    createdDateTime: "2026-01-01T00:00:00Z",
    tags: ["cspops", `cspops:instance:${instance.name}`],
    web: { redirectUris: [`https://bss.${instance.name}.example/ms/consent/callback`], homePageUrl: null },
    requiredResourceAccess: [
      {
        resourceAppId: PARTNER_CENTER_APP_ID,
        resourceAccess: [{ id: USER_IMPERSONATION_ID, type: "Scope" }],
      },
    ],
    passwordCredentials: [
      {
        keyId: guid(6, index),
        displayName: "cspops",
        hint: "Abc",
        startDateTime: daysAgo(10),
        endDateTime: daysAgo(-170),
        secretText: null,
      },
    ],
  };
  return {
    applications: [application],
    servicePrincipals: [
      { id: spId, appId, displayName: application.displayName },
      { id: pcSpId, appId: PARTNER_CENTER_APP_ID, displayName: "Microsoft Partner Center" },
    ],
    oauth2PermissionGrants:
      state === "needs-consent"
        ? []
        : [
            {
              id: `g${index}`,
              clientId: spId,
              consentType: "AllPrincipals",
              principalId: null,
              resourceId: pcSpId,
              scope: "user_impersonation",
            },
          ],
    servicePrincipalSignInActivities: [
      {
        id: `s${index}`,
        appId,
        delegatedClientSignInActivity: { lastSignInDateTime: daysAgo(state === "expiring" ? 80 : 10) },
      },
    ],
    users: [
      {
        id: userId,
        userPrincipalName: `admin@${instance.domain}`,
        accountEnabled: true,
        displayName: "Admin",
      },
    ],
    memberOf: {
      [userId]: [{ "@odata.type": "#microsoft.graph.group", id: guid(7, 0), displayName: "AdminAgents" }],
    },
    userRegistrationDetails: [
      {
        id: userId,
        userPrincipalName: `admin@${instance.domain}`,
        isMfaRegistered: true,
        methodsRegistered: ["microsoftAuthenticatorPush"],
      },
    ],
  };
}

const STATES = [
  "ready",
  "ready",
  "ready",
  "needs-consent",
  "expiring",
  "ready",
  "drifted",
  "ready",
  "ready",
  "needs-consent",
];

function generate(folder, count) {
  const instancesDir = join(folder, "instances");
  mkdirSync(instancesDir, { recursive: true });
  const tenants = {};
  for (let pair = 0; pair < count / 2; pair++) {
    const base = `p${String(pair).padStart(5, "0")}`;
    const members = [
      { name: `${base}-primary`, environment: "primary", domain: `${base}.onmicrosoft.com`, index: pair * 2 },
      {
        name: `${base}-sandbox`,
        environment: "sandbox",
        sandboxOf: `${base}-primary`,
        domain: `${base}tip.onmicrosoft.com`,
        index: pair * 2 + 1,
      },
    ];
    for (const member of members) {
      const instance = { ...member, tenantId: guid(9, member.index) };
      writeFileSync(join(instancesDir, `${instance.name}.yaml`), instanceYaml(instance));
      tenants[instance.tenantId] = tenantObservation(
        instance,
        member.index,
        STATES[member.index % STATES.length],
      );
    }
  }
  const snapshot = join(folder, "snapshot.json");
  writeFileSync(snapshot, JSON.stringify({ schemaVersion: 1, observedAt: NOW, tenants }));
  return { instancesDir, snapshot };
}

function timeRun(args) {
  const started = process.hrtime.bigint();
  const run = spawnSync(process.execPath, [cli, ...args], {
    cwd: root,
    encoding: "utf8",
    maxBuffer: 1 << 30,
  });
  const ms = Number(process.hrtime.bigint() - started) / 1e6;
  if (run.status !== 0)
    throw new Error(`cspops ${args.join(" ")} exited ${run.status}: ${run.stderr.slice(0, 2000)}`);
  return { ms, stdout: run.stdout };
}

const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

const scratch = mkdtempSync(join(tmpdir(), "cspops-bench-reconcile-"));
try {
  const startup = median(Array.from({ length: RUNS }, () => timeRun(["--version"]).ms));
  console.log(`node + cspops start-up (--version): ${startup.toFixed(0)} ms`);
  const results = [];
  for (const size of SIZES) {
    const { instancesDir, snapshot } = generate(join(scratch, String(size)), size);
    const args = [
      "reconcile",
      "--dir",
      instancesDir,
      "--observed",
      snapshot,
      "--now",
      NOW,
      "--format",
      "json",
    ];
    const runs = Array.from({ length: RUNS }, () => timeRun(args));
    const report = JSON.parse(runs[0].stdout);
    if (report.instances.length !== size)
      throw new Error(`expected ${size} instances, got ${report.instances.length}`);
    const ms = median(runs.map((run) => run.ms));
    results.push({ size, ms });
    const megabytes = statSync(snapshot).size / 1e6;
    console.log(
      `${size.toLocaleString("en")} instances (${size / 2} pairs), snapshot ${megabytes.toFixed(1)} MB: ` +
        `median ${ms.toFixed(0)} ms of ${RUNS} runs (${((ms - startup) / (size / 1000)).toFixed(0)} ms per 1,000 after start-up); ` +
        `summary ${JSON.stringify(report.summary)}`,
    );
  }
  const [small, large] = results;
  const growth = (large.ms - startup) / (small.ms - startup);
  console.log(`growth 1,000 → 10,000 after start-up: ×${growth.toFixed(1)} (linear: ×10)`);
  console.log(
    `goal ≤ ${GOAL_MS} ms at 10,000: ${large.ms <= GOAL_MS ? "met" : "NOT met"} (${large.ms.toFixed(0)} ms)`,
  );
} finally {
  // CSPOPS_BENCH_KEEP=1 keeps the generated files for profiling.
  if (process.env.CSPOPS_BENCH_KEEP === "1") console.log(`kept ${scratch}`);
  else rmSync(scratch, { recursive: true, force: true });
}
