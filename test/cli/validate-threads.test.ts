import { execFileSync } from "node:child_process";
import { copyFileSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { generateInstances } from "../../bench/validate/generate.mjs";
import { ROOT, runCli } from "../support/run-cli.js";

// `validate` reads and checks many files on several threads (src/cli/validate-parallel.ts);
// CSPOPS_VALIDATE_THREADS forces the number (docs/cli.md). The output must not depend on it.
let dir: string;

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), "cspops-threads-"));
  // 300 valid files, so that the files of each kind below fall into different chunks …
  generateInstances(dir, 150);
  // … every invalid file of the corpus (schema errors, bad UTF-8, YAML the fast path declines,
  // removed fields, secrets, cross-file findings), …
  const corpus = join(ROOT, "test/corpus/invalid");
  for (const name of readdirSync(corpus).filter((file) => file.endsWith(".yaml"))) {
    copyFileSync(join(corpus, name), join(dir, `corpus-${name}`));
  }
  // … a sandbox among the fast-path files whose primary is missing: a cross-file finding placed by
  // reading that file again for positions, and YAML that is not an instance.
  writeFileSync(
    join(dir, "partner77-sandbox.yaml"),
    "apiVersion: cspops/v1\nkind: PartnerInstance\nmetadata:\n  name: partner77-sandbox\nspec:\n  environment: sandbox\n  sandboxOf: partner-gone-primary\n  partner:\n    tenantId: 6f1b3c2a-1111-4222-8333-444455556666\n    defaultDomain: gone.onmicrosoft.com\n    cspStatus: indirect\n  app:\n    redirectUris: [https://bss.gone.example/cb]\n  consent:\n    adminAgent: admin@gone.onmicrosoft.com\n  catalogue:\n    languages: [en-US]\n    countries: [GR]\n    productNames: keep\n",
  );
  writeFileSync(join(dir, "workflow.yml"), "on: push\njobs: {}\n");
});

afterAll(() => rmSync(dir, { recursive: true, force: true }));

const validate = (threads: string, format: string, folder = dir) =>
  runCli(["validate", "--dir", folder, "--format", format], {
    env: { CSPOPS_VALIDATE_THREADS: threads, CSPOPS_NOW: "2026-12-02" },
  });

describe("validate on several threads", () => {
  it.each(["text", "json", "github"])("prints the same %s output, exit code included", async (format) => {
    const one = await validate("1", format);
    const two = await validate("2", format);
    const three = await validate("3", format);

    expect(one.code).toBe(1);
    expect(one.stdout).toContain("partner77-sandbox.yaml");
    expect(one.stdout).toContain("corpus-file-invalid-utf8.yaml");
    expect(two).toEqual(one);
    expect(three).toEqual(one);
  });

  it("loads the same instances for the commands that use them", async () => {
    const valid = mkdtempSync(join(tmpdir(), "cspops-threads-valid-"));
    try {
      generateInstances(valid, 40);
      const reconcile = (threads: string) =>
        runCli(["reconcile", "--dir", valid, "--observed", "examples/snapshot.json", "--format", "json"], {
          env: { CSPOPS_VALIDATE_THREADS: threads, CSPOPS_NOW: "2026-12-02" },
        });
      const one = await reconcile("1");
      const report = JSON.parse(one.stdout) as { instances: { name: string; cloud: string }[] };

      expect(one.code).toBe(0);
      expect(report.instances).toHaveLength(80);
      // A sandbox file names no cloud: the schema's default, filled in as the file was read.
      expect(report.instances.find((entry) => entry.name === "partner33-sandbox")?.cloud).toBe("global");
      expect(await reconcile("2")).toEqual(one);
    } finally {
      rmSync(valid, { recursive: true, force: true });
    }
  });

  it("reports a file that cannot be read as on one thread", async () => {
    const folder = mkdtempSync(join(tmpdir(), "cspops-threads-fifo-"));
    try {
      generateInstances(folder, 60);
      execFileSync("mkfifo", [join(folder, "partner40-zz.yaml")]);
      const one = await validate("1", "text", folder);

      expect(one.code).toBe(1);
      expect(one.stderr).toContain("partner40-zz.yaml: it is a FIFO (named pipe)");
      expect(await validate("2", "text", folder)).toEqual(one);
    } finally {
      rmSync(folder, { recursive: true, force: true });
    }
  });

  it("refuses a thread count that is not a number", async () => {
    const run = await validate("many", "text");

    expect(run.code).toBe(2);
    expect(run.stderr).toContain("CSPOPS_VALIDATE_THREADS must be a whole number from 1 to 99, not 'many'");
  });
});
