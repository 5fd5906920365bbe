import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { validateWorkflow } from "@action-validator/core";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { parse } from "yaml";

const WORKFLOWS_DIR = fileURLToPath(new URL("../../.github/workflows/", import.meta.url));

interface Workflow {
  readonly file: string;
  readonly text: string;
  readonly document: WorkflowDocument;
}

interface WorkflowDocument {
  readonly on?: unknown;
  readonly permissions?: Record<string, string> | string;
  readonly concurrency?: { readonly group?: string; readonly "cancel-in-progress"?: boolean };
  readonly env?: Record<string, string>;
  readonly jobs: Record<string, { readonly steps?: readonly Step[] }>;
}

interface Step {
  readonly uses?: string;
  readonly run?: string;
  readonly with?: Record<string, unknown>;
}

/** Every workflow in the repository, including ones added after this test was written. */
const workflows: readonly Workflow[] = readdirSync(WORKFLOWS_DIR)
  .filter((file) => /\.ya?ml$/.test(file))
  .sort()
  .map((file) => {
    const text = readFileSync(path.join(WORKFLOWS_DIR, file), "utf8");
    return { file, text, document: parse(text) as WorkflowDocument };
  });

const steps = (workflow: Workflow): Step[] =>
  Object.values(workflow.document.jobs).flatMap((job) => job.steps ?? []);

/** A workflow that changes or reads the Pulumi stack (and so holds Entra credentials). */
const runsPulumi = (workflow: Workflow): boolean =>
  steps(workflow).some(
    (step) =>
      step.uses?.startsWith("pulumi/actions@") === true || /\bpulumi\s+(up|preview)\b/.test(step.run ?? ""),
  );

const byName = (file: string): Workflow => {
  const workflow = workflows.find((candidate) => candidate.file === file);
  if (workflow === undefined) throw new Error(`.github/workflows/${file} is missing`);
  return workflow;
};

describe("every workflow", () => {
  // The validator's WebAssembly prints a warning per `paths` glob it cannot check yet.
  beforeAll(() => {
    vi.spyOn(console, "warn").mockImplementation(() => undefined);
  });
  afterAll(() => {
    vi.restoreAllMocks();
  });

  it("finds the workflows", () => {
    expect(workflows.map((workflow) => workflow.file)).toEqual(
      expect.arrayContaining(["deploy.yml", "preview.yml"]),
    );
  });

  it.each(workflows.map((workflow) => [workflow.file, workflow] as const))(
    "%s passes action-validator",
    (_file, workflow) => {
      const result = validateWorkflow(workflow.text);

      expect(result.errors).toEqual([]);
    },
  );

  it.each(workflows.map((workflow) => [workflow.file, workflow] as const))(
    "%s pins every action to a commit SHA with its version, or an exact version tag",
    (_file, workflow) => {
      const references = [...workflow.text.matchAll(/^\s*(?:-\s+)?uses:\s*(\S+)(?:\s+#\s*(\S+))?/gm)];
      const remote = references.filter(([, action]) => !action!.startsWith("./"));

      for (const [line, action, comment] of remote) {
        const ref = action!.split("@")[1] ?? "";
        const pinned = /^[0-9a-f]{40}$/.test(ref) && /^v\d+\.\d+\.\d+$/.test(comment ?? "");
        const exactTag = /^v\d+\.\d+\.\d+$/.test(ref);
        expect(pinned || exactTag, `${line.trim()}: pin to a full commit SHA with "# vX.Y.Z"`).toBe(true);
      }
    },
  );

  it.each(workflows.map((workflow) => [workflow.file, workflow] as const))(
    "%s declares its token permissions instead of inheriting the repository default",
    (_file, workflow) => {
      expect(typeof workflow.document.permissions).toBe("object");
    },
  );

  it.each(workflows.filter(runsPulumi).map((workflow) => [workflow.file, workflow] as const))(
    "%s runs Pulumi with OIDC, one update at a time, never cancelled half-way",
    (_file, workflow) => {
      const { permissions, concurrency, env } = workflow.document;

      expect(permissions).toMatchObject({ "id-token": "write", contents: "read" });
      expect(concurrency?.group).toMatch(/^pulumi-\$\{\{ vars\.PULUMI_STACK \|\| 'prod' \}\}$/);
      expect(concurrency?.["cancel-in-progress"]).toBe(false);
      expect(env).toMatchObject({ ARM_USE_OIDC: "true" });
      expect(JSON.stringify(env)).not.toMatch(/ARM_CLIENT_SECRET|AZURE_CLIENT_SECRET/);
    },
  );
});

describe("preview.yml", () => {
  const workflow = byName("preview.yml");
  const on = workflow.document.on as { pull_request: { paths: string[] } };

  it("runs on pull requests that touch what the stack is made of", () => {
    expect(on.pull_request.paths).toEqual(
      expect.arrayContaining(["instances/**", "schemas/**", "src/pulumi/**", "Pulumi.yaml"]),
    );
  });

  it("validates, then previews with a refresh and comments on the pull request", () => {
    const runs = steps(workflow).map((step) => step.run ?? step.uses ?? "");
    const pulumiStep = steps(workflow).find((step) => step.uses?.startsWith("pulumi/actions@"));

    expect(runs.indexOf("npm ci")).toBeLessThan(
      runs.findIndex((run) => run.startsWith("npx cspops validate")),
    );
    expect(runs.findIndex((run) => run.startsWith("npx cspops validate"))).toBeLessThan(
      runs.findIndex((run) => run.startsWith("pulumi/actions@")),
    );
    expect(pulumiStep?.with).toMatchObject({ command: "preview", "comment-on-pr": true, refresh: true });
    expect(workflow.document.permissions).toMatchObject({ "pull-requests": "write" });
  });

  it("uses Node 22", () => {
    const setupNode = steps(workflow).find((step) => step.uses?.startsWith("actions/setup-node@"));

    expect(setupNode?.with?.["node-version"]).toBe(22);
  });
});

describe("deploy.yml", () => {
  const workflow = byName("deploy.yml");
  const on = workflow.document.on as { push: { branches: string[] }; schedule: { cron: string }[] };

  it("runs on pushes to main, and on a schedule so Keys rotate without a push", () => {
    expect(on.push.branches).toEqual(["main"]);
    expect(on.schedule.length).toBeGreaterThan(0);
  });

  it("validates, then runs pulumi up with a refresh and without printing outputs", () => {
    const runs = steps(workflow).map((step) => step.run ?? "");
    const up = runs.find((run) => run.startsWith("pulumi up"));

    expect(runs.findIndex((run) => run.startsWith("npx cspops validate"))).toBeLessThan(
      runs.indexOf(up ?? "?"),
    );
    expect(up).toMatch(/--yes/);
    expect(up).toMatch(/--refresh/);
    expect(up).toMatch(/--suppress-outputs/);
  });

  it("uses Node 22", () => {
    const setupNode = steps(workflow).find((step) => step.uses?.startsWith("actions/setup-node@"));

    expect(setupNode?.with?.["node-version"]).toBe(22);
  });
});
