import { readFileSync } from "node:fs";
import { parse } from "yaml";
import { startEmulator } from "../src/emulator/start-emulator.js";
import { buildExampleSeed } from "../src/emulator/seeds/example-instances.js";
import { createGraphObserver } from "../src/adapters/graph/graph-observer.js";
import { createClientSecretCredential } from "../src/adapters/graph/create-credential.js";
import { normaliseInstance } from "../src/core/instance.js";

const files = ["contoso-primary", "contoso-sandbox", "fabrikam-china"];
const instances = files.map((name) => ({ file: `instances/${name}.yaml`, instance: normaliseInstance(parse(readFileSync(`instances/${name}.yaml`, "utf8"))) }));
const emulator = await startEmulator({ seed: buildExampleSeed(new Date()), pageSize: 1 });
const t = Date.now();
const observer = createGraphObserver({
  credentialFor: () => createClientSecretCredential({ tenantId: instances[0]!.instance.spec.partner.tenantId, ...emulator.client }, { authorityHost: emulator.authorityHost, customAuthority: true, caCertPem: emulator.caCertPem }),
  graphUrlFor: () => emulator.graphUrl,
  caCertPem: emulator.caCertPem,
});
const snapshot = await observer.observeTenants(instances as never);
console.log(JSON.stringify(snapshot, null, 1).slice(0, 3000));
console.log("ms", Date.now() - t, emulator.state.counters);
await emulator.close();
