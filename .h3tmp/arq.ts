import { startEmulator } from "../src/emulator/start-emulator.js";
import { buildExampleSeed } from "../src/emulator/seeds/example-instances.js";
import { createClientSecretCredential } from "../src/adapters/graph/create-credential.js";
const e = await startEmulator({ seed: buildExampleSeed(new Date()) });
const c = createClientSecretCredential({ tenantId: e.environment.AZURE_TENANT_ID!, clientId: e.client.clientId, clientSecret: "nope" }, { authorityHost: e.authorityHost, customAuthority: true, caCertPem: e.caCertPem });
try { await c.getToken("https://graph.microsoft.com/.default", { tenantId: e.environment.AZURE_TENANT_ID }); } catch (err) { console.log((err as Error).name, "|", (err as Error).message, "|", Object.keys(err as object), (err as any).cause?.name, (err as any).cause?.errorCode); }
await e.close();
