import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import fc from "fast-check";
import { it, expect } from "vitest";
import { parseDocument } from "yaml";
import { loadYamlData } from "/work/main/src/core/yaml-fast-load.js";
import { MAX_ALIAS_COUNT, YAML_OPTIONS } from "/work/main/src/core/yaml-library-parse.js";
import { yamlLikeText, generatedYaml, structuredYaml, mutatedYaml } from "/work/main/test/core/yaml-arbitraries.js";
const root = "/work/main";
const examples = readdirSync(join(root, "instances")).map((n) => readFileSync(join(root, "instances", n), "utf8"));
it("probe", () => {
  for (const [name, arb] of [["gen", generatedYaml], ["struct", structuredYaml], ["mut", mutatedYaml(examples)], ["all", yamlLikeText(examples)]] as const) {
    let accepted = 0, libok = 0, bad: string[] = [];
    const samples = fc.sample(arb as fc.Arbitrary<string>, Number(process.env.N ?? 20000));
    for (const text of samples) {
      const d = parseDocument(text, YAML_OPTIONS);
      const ok = d.errors.length === 0 && d.warnings.length === 0;
      if (ok) libok++;
      const fast = loadYamlData(text);
      if (fast === undefined) continue;
      accepted++;
      let lib: unknown;
      try { lib = ok ? d.toJS({ maxAliasCount: MAX_ALIAS_COUNT }) : "LIBERR"; } catch { lib = "THROW"; }
      try { expect(fast).toStrictEqual(lib); } catch { if (bad.length < 5) bad.push(JSON.stringify(text)); }
    }
    console.log(name, "samples", samples.length, "libok", libok, "fast accepted", accepted, "bad", bad);
  }
});
