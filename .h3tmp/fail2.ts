import { startEmulator } from "../src/emulator/start-emulator.js";
import { buildExampleSeed } from "../src/emulator/seeds/example-instances.js";
import { writeFileSync } from "node:fs";
const e = await startEmulator({ seed: buildExampleSeed(new Date()) });
writeFileSync("/tmp/h3/env.sh", Object.entries(e.environment).map(([k, v]) => `export ${k}='${v}'`).join("\n"));
await new Promise((r) => setTimeout(r, 60000));
await e.close();
