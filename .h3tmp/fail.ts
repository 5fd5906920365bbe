import { execFileSync } from "node:child_process";
import { startEmulator } from "../src/emulator/start-emulator.js";
import { buildExampleSeed } from "../src/emulator/seeds/example-instances.js";
const e = await startEmulator({ seed: buildExampleSeed(new Date()) });
for (const extra of [{ AZURE_CLIENT_SECRET: "wrong" }, { AZURE_CLIENT_ID: "", AZURE_CLIENT_SECRET: "" }]) {
try { execFileSync("node", ["dist/cli/main.js", "observe", "--out", "/tmp/h3/x.json"], { env: { PATH: process.env.PATH!, HOME: "/nonexistent", ...e.environment, ...extra }, encoding: "utf8", stdio: "pipe" }); } catch (err) { console.log((err as any).status, (err as any).stderr); }
}
await e.close();
