import { startEmulator } from "../src/emulator/start-emulator.js";
import { buildExampleSeed } from "../src/emulator/seeds/example-instances.js";
import { createClientSecretCredential } from "../src/adapters/graph/create-credential.js";
const e = await startEmulator({ seed: buildExampleSeed(new Date()) });
const c = createClientSecretCredential({ tenantId: e.environment.AZURE_TENANT_ID!, ...e.client }, { authorityHost: e.authorityHost, customAuthority: true, caCertPem: e.caCertPem });
try { await c.getToken("https://graph.microsoft.com/.default", { tenantId: "11111111-2222-3333-4444-555555555555" }); } catch (err) { console.log(Object.keys(err as object), (err as Error).name, (err as Error).message, JSON.stringify(err), (err as any).cause); }
await e.close();
