import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { packFacts, readInstanceFacts, unpackFacts } from "../../src/core/rules/instance-facts.js";
import { loadYamlData } from "../../src/core/yaml/yaml-fast-load.js";

// Facts cross from `validate`'s worker threads packed (src/cli/validate-chunk.ts); unpacked, they
// must be the facts themselves, or a cross-file rule would judge differently on several threads.
const root = join(import.meta.dirname, "../..");
const texts = ["instances", "test/corpus/invalid", "test/corpus/valid/edge-cases"].flatMap((folder) =>
  readdirSync(join(root, folder))
    .filter((name) => name.endsWith(".yaml"))
    .map((name) => ({ file: `${folder}/${name}`, text: readFileSync(join(root, folder, name), "utf8") })),
);

describe("packFacts / unpackFacts", () => {
  it("gives back the facts of every example and corpus file that reads as a mapping", () => {
    let compared = 0;
    for (const { file, text } of texts) {
      const data = loadYamlData(text);
      if (data === undefined) continue;
      const facts = readInstanceFacts(file, data);
      compared++;

      expect(unpackFacts(packFacts(facts)), file).toStrictEqual(facts);
    }

    expect(compared).toBeGreaterThan(20);
  });

  it("keeps what is left out: absent fields, values the schema refused, a URI's index and shape", () => {
    const data = {
      metadata: { name: "x" },
      spec: {
        environment: "production",
        app: { redirectUris: [7, "http://LOCALHOST:8080/cb", "not a url"] },
      },
    };
    const facts = readInstanceFacts("a.yaml", data, new Set(["/metadata/name"]));

    expect(facts.name).toBeUndefined();
    expect(facts.redirectUris.map((uri) => uri.pointer)).toEqual([
      "/spec/app/redirectUris/1",
      "/spec/app/redirectUris/2",
    ]);
    expect(unpackFacts(packFacts(facts))).toStrictEqual(facts);
  });
});
