import { readdirSync, readFileSync } from "node:fs";

const { validateInstanceSources } = await import("../../dist/core/validate-instances.js");
const { parseInstanceYaml } = await import("../../dist/core/yaml-parse.js");
const { documentRules, instanceRules } = await import("../../dist/core/rules/index.js");
const { readInstanceFacts } = await import("../../dist/core/rules/instance-facts.js");
const { indexInstances } = await import("../../dist/core/rules/instance-index.js");
const { validate } = await import("../../dist/core/generated/partner-instance-validator.js");
const dir = "/tmp/b10k";
const names = readdirSync(dir).sort();
const sources = names.map((n) => ({ file: `x/${n}`, bytes: readFileSync(`${dir}/${n}`) }));
const dec = new TextDecoder("utf-8", { fatal: true });
for (let round = 0; round < 3; round++) {
  let t = performance.now();
  const T = {};
  const texts = sources.map((s) => dec.decode(s.bytes));
  T.decode = performance.now() - t;
  t = performance.now();
  const parsed = texts.map((x, i) => parseInstanceYaml(sources[i].file, x).parsed);
  T.parse = performance.now() - t;
  t = performance.now();
  for (const p of parsed) for (const r of documentRules) r(p);
  T.docRules = performance.now() - t;
  t = performance.now();
  for (const p of parsed) validate(p.data);
  T.schema = performance.now() - t;
  t = performance.now();
  const facts = parsed.map((p) => readInstanceFacts(p.file, p.data, new Set()));
  T.facts = performance.now() - t;
  t = performance.now();
  const set = indexInstances(facts);
  T.index = performance.now() - t;
  t = performance.now();
  for (const r of instanceRules) {
    const t1 = performance.now();
    r(set);
    T[r.name] = +(performance.now() - t1).toFixed(1);
  }
  t = performance.now();
  validateInstanceSources(sources);
  T.full = performance.now() - t;
  for (const k in T) T[k] = +(+T[k]).toFixed(1);
  console.log(JSON.stringify(T));
}
