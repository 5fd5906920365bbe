// Writes `pairs` primary/sandbox instance pairs (2 × pairs files) into `dir`, all valid.
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";

function guid(seed, salt) {
  const hex = ((seed * 2654435761 + salt * 40503) >>> 0).toString(16).padStart(8, "0");
  const tail = (seed + salt * 1000003).toString(16).padStart(12, "0").slice(-12);
  return `${hex}-${salt.toString(16).padStart(4, "0")}-4${hex.slice(0, 3)}-8${hex.slice(3, 6)}-${tail}`;
}

function primary(index) {
  const name = `partner${index}`;
  return `# yaml-language-server: $schema=../schemas/partner-instance.schema.json
apiVersion: cspops/v1
kind: PartnerInstance
metadata:
  name: ${name}-primary
  description: Live Partner Center account number ${index}
spec:
  environment: primary
  cloud: global
  partner:
    tenantId: ${guid(index, 1)}
    defaultDomain: ${name}.onmicrosoft.com
    cspStatus: ${index % 2 === 0 ? "indirect" : "direct"}
    partnerId: "${1000000 + index}"
  app:
    displayName: ${name} BSS - Partner Center (primary)
    redirectUris:
      - https://bss.${name}.example/ms/consent/callback
    secret:
      rotationDays: 180
  consent:
    adminAgent: admin@${name}.onmicrosoft.com
    warnDays: 14
  catalogue:
    languages: [en-US, el-GR]
    countries: [GR, CY]
    productNames: continuously-update
  provisioning:
    annualSubscriptions: true
`;
}

function sandbox(index) {
  const name = `partner${index}`;
  return `# yaml-language-server: $schema=../schemas/partner-instance.schema.json
apiVersion: cspops/v1
kind: PartnerInstance
metadata:
  name: ${name}-sandbox
spec:
  environment: sandbox
  sandboxOf: ${name}-primary
  partner:
    tenantId: ${guid(index, 2)}
    defaultDomain: ${name}tip.onmicrosoft.com
    cspStatus: indirect
  app:
    redirectUris:
      - https://bss-staging.${name}.example/ms/consent/callback
      - http://localhost:8080/ms/consent/callback
  consent:
    adminAgent: sandbox-admin@${name}tip.onmicrosoft.com
  catalogue:
    languages: [en-US]
    countries: [GR]
    productNames: keep
`;
}

export function generateInstances(dir, pairs) {
  mkdirSync(dir, { recursive: true });
  for (let index = 0; index < pairs; index++) {
    writeFileSync(join(dir, `partner${index}-primary.yaml`), primary(index));
    writeFileSync(join(dir, `partner${index}-sandbox.yaml`), sandbox(index));
  }
}
