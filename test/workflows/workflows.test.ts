import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { validateWorkflow } from "@action-validator/core";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import {
  baseContextTakesOnlyData,
  checkoutsKeepNoToken,
  checkWorkflow,
  commentersHoldOnlyCommentRights,
  concurrencyGroups,
  deployNeverCancelled,
  environmentOf,
  type Job,
  jobsOf,
  oidcOnlyInEnvironments,
  pathFiltersCoverTheProgram,
  permissionsOf,
  pullRequestCodeNeedsReview,
  readWorkflow,
  runsPullRequestCode,
  type Step,
  secretsOnlyInSteps,
  triggers,
  type Workflow,
} from "./workflow-rules.js";

const WORKFLOWS_DIR = fileURLToPath(new URL("../../.github/workflows/", import.meta.url));
const INSECURE_DIR = fileURLToPath(new URL("../fixtures/workflows-insecure/", import.meta.url));

const readAll = (dir: string): Workflow[] =>
  readdirSync(dir)
    .filter((file) => /\.ya?ml$/.test(file))
    .sort()
    .map((file) => readWorkflow(file, readFileSync(path.join(dir, file), "utf8")));

/** Every workflow in the repository, including ones added after this test was written. */
const workflows: readonly Workflow[] = readAll(WORKFLOWS_DIR);
/** The repository's workflows before issue 11, and a textbook "pwn request": each rule must catch them. */
const insecure: readonly Workflow[] = readAll(INSECURE_DIR);

const steps = (workflow: Workflow): Step[] =>
  Object.values(workflow.document.jobs).flatMap((job) => job.steps ?? []);

/** A workflow that changes or reads the Pulumi stack (and so holds Entra credentials). */
const runsPulumi = (workflow: Workflow): boolean =>
  steps(workflow).some(
    (step) =>
      step.uses?.startsWith("pulumi/actions@") === true || /\bpulumi\s+(up|preview)\b/.test(step.run ?? ""),
  );

const byName = (file: string, from: readonly Workflow[] = workflows): Workflow => {
  const workflow = from.find((candidate) => candidate.file === file);
  if (workflow === undefined) throw new Error(`${file} is missing`);
  return workflow;
};

/** A GitHub Actions expression as it appears in a workflow: `${{ inner }}`. */
const expression = (inner: string): string => `\${{ ${inner} }}`;

const each = (list: readonly Workflow[]) => list.map((workflow) => [workflow.file, workflow] as const);

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

  it.each(each(workflows.filter(runsPulumi)))(
    "%s runs Pulumi with OIDC in a GitHub environment, never with a client secret",
    (_file, workflow) => {
      for (const [, job] of jobsOf(workflow)) {
        expect(permissionsOf(workflow, job)).toMatchObject({ "id-token": "write", contents: "read" });
        expect(["production", "pr-preview"]).toContain(environmentOf(job));
        expect(job.env).toMatchObject({ ARM_USE_OIDC: "true" });
      }
      expect(workflow.text).not.toMatch(/ARM_CLIENT_SECRET|AZURE_CLIENT_SECRET/);
    },
  );

  it.each(each(workflows))("%s keeps every trust rule (SECURITY.md)", (_file, workflow) => {
    expect(checkWorkflow(workflow)).toEqual([]);
  });

  it("no two workflows share a concurrency group, so a preview never cancels or queues behind a deploy", () => {
    // The two drift variants keep the same dashboard issue: they share one group on purpose.
    const others = workflows.filter((workflow) => workflow.file !== "drift-sharded.yml");
    const groups = others.flatMap(concurrencyGroups);

    expect(groups.length).toBe(others.length);
    expect(new Set(groups).size).toBe(groups.length);
    expect(concurrencyGroups(byName("drift-sharded.yml"))).toEqual(concurrencyGroups(byName("drift.yml")));
  });
});

describe("preview.yml", () => {
  const workflow = byName("preview.yml");
  const on = workflow.document.on as { pull_request: { paths: string[] } };

  it("runs on pull requests that touch what the stack is made of", () => {
    expect(on.pull_request.paths).toEqual(
      expect.arrayContaining(["instances/**", "schemas/**", "src/**", "Pulumi.yaml", "package-lock.json"]),
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
    expect(workflow.document.jobs.preview?.permissions).toMatchObject({ "pull-requests": "write" });
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

describe("drift-sharded.yml observes in a matrix of shards and keeps the dashboard once", () => {
  const workflow = byName("drift-sharded.yml");
  const observe = workflow.document.jobs.observe!;
  const drift = workflow.document.jobs.drift!;
  const runsOf = (job: Job) => (job.steps ?? []).map((step) => step.run ?? step.uses ?? "");

  it("observes shard I of N in each matrix job, N taken from the matrix itself, every shard to the end", () => {
    const shards = observe.strategy?.matrix?.shard as number[];
    const observeStep = (observe.steps ?? []).find((step) => step.run?.startsWith("npx cspops observe"));

    expect(shards).toEqual(Array.from({ length: shards.length }, (_, at) => at + 1));
    expect(shards.length).toBeGreaterThan(1);
    expect(observe.strategy?.["fail-fast"]).toBe(false);
    expect(observeStep?.run).toBe(
      'npx cspops observe --shard "$SHARD" --previous "$RUNNER_TEMP/previous/snapshot.json" --out "$RUNNER_TEMP/shard-$INDEX.json"',
    );
    expect(observeStep?.env).toEqual({
      SHARD: `${expression("matrix.shard")}/${expression("strategy.job-total")}`,
      INDEX: expression("matrix.shard"),
    });
  });

  it("holds the OIDC token only in the observing jobs, in the observe environment, read-only otherwise", () => {
    expect(permissionsOf(workflow, observe)).toEqual({
      contents: "read",
      actions: "read",
      "id-token": "write",
    });
    expect(environmentOf(observe)).toBe("observe");
    expect(JSON.stringify(observe)).not.toMatch(/issues|GITHUB_TOKEN|secrets\./);
  });

  it("uploads one artifact per shard, and the dashboard job downloads them all", () => {
    const upload = (observe.steps ?? []).find((step) => step.uses?.startsWith("actions/upload-artifact@"));
    const download = (drift.steps ?? []).find((step) => step.uses?.startsWith("actions/download-artifact@"));

    expect(upload?.with).toMatchObject({
      name: `observed-shard-${expression("matrix.shard")}`,
      path: `${expression("runner.temp")}/shard-${expression("matrix.shard")}.json`,
      "if-no-files-found": "error",
    });
    expect(download?.with).toEqual({
      pattern: "observed-shard-*",
      "merge-multiple": true,
      path: `${expression("runner.temp")}/shards`,
    });
  });

  it("merges the shards, then runs drift once on the merged snapshot, with issues: write and no cloud credential", () => {
    const runs = runsOf(drift);
    const merge = runs.findIndex((run) => run.startsWith("npx cspops snapshot merge"));
    const dashboard = runs.findIndex((run) => run.startsWith("npx cspops drift"));

    expect(drift.needs).toBe("observe");
    expect(drift.strategy).toBeUndefined();
    expect(permissionsOf(workflow, drift)).toEqual({ contents: "read", issues: "write" });
    expect(environmentOf(drift)).toBeUndefined();
    expect(JSON.stringify(drift)).not.toMatch(/id-token|AZURE_|PULUMI_/);
    expect(runs[merge]).toBe(
      'npx cspops snapshot merge "$RUNNER_TEMP"/shards/shard-*.json --out "$RUNNER_TEMP/snapshot.json"',
    );
    expect(runs[dashboard]).toBe(
      'npx cspops drift --observed "$RUNNER_TEMP/snapshot.json" --issue --format markdown > drift.md',
    );
    expect(merge).toBeGreaterThan(runs.findIndex((run) => run.startsWith("actions/download-artifact@")));
    expect(dashboard).toBeGreaterThan(merge);
  });

  it("observes with the previous run's merged snapshot, which the dashboard job keeps even on exit 4", () => {
    const fetch = (observe.steps ?? []).find((step) => step.run?.includes("gh run download"));
    const keep = (drift.steps ?? []).find(
      (step) => step.uses?.startsWith("actions/upload-artifact@") && step.with?.name === "drift-snapshot",
    );

    expect(fetch?.run).toMatch(/gh run list [^\n]*--workflow drift-sharded\.yml --branch main/);
    expect(fetch?.run).toContain("--name drift-snapshot");
    expect(fetch?.env).toEqual({ GH_TOKEN: expression("github.token") });
    expect(keep).toMatchObject({
      if: "always()",
      with: { path: `${expression("runner.temp")}/snapshot.json` },
    });
  });

  it("is the drift workflow's variant: run on demand, the same dashboard command as drift.yml", () => {
    const plain = runsOf(byName("drift.yml").document.jobs.drift!).find((run) =>
      run.startsWith("npx cspops drift"),
    );

    expect(triggers(workflow)).toEqual(["workflow_dispatch"]);
    expect(plain).toBe(
      'npx cspops drift --observed "$RUNNER_TEMP/snapshot.json" --issue --format markdown > drift.md',
    );
  });
});

describe("drift.yml reads each tenant in one round with the previous run's snapshot", () => {
  const workflow = byName("drift.yml");
  const job = workflow.document.jobs.drift!;
  const steps = job.steps ?? [];
  const indexOf = (predicate: (step: (typeof steps)[number]) => boolean) => steps.findIndex(predicate);

  it("downloads the snapshot of this workflow's last completed run on main, with actions: read", () => {
    const fetch = steps[indexOf((step) => step.run?.includes("gh run download") ?? false)];

    expect(fetch?.run).toMatch(/gh run list [^\n]*--workflow drift\.yml --branch main/);
    expect(fetch?.run).toContain("--status completed");
    expect(fetch?.run).toContain("--name drift-snapshot");
    expect(fetch?.env).toEqual({ GH_TOKEN: expression("github.token") });
    expect(permissionsOf(workflow, job)).toEqual({
      contents: "read",
      actions: "read",
      "id-token": "write",
      issues: "write",
    });
  });

  it("observes with --previous, plans from that snapshot, and keeps it for the next run even on exit 4", () => {
    const fetch = indexOf((step) => step.run?.includes("gh run download") ?? false);
    const observe = indexOf((step) => step.run?.startsWith("npx cspops observe") ?? false);
    const dashboard = indexOf((step) => step.run?.startsWith("npx cspops drift") ?? false);
    const upload = indexOf((step) => step.uses?.startsWith("actions/upload-artifact@") ?? false);

    expect(steps[observe]?.run).toBe(
      'npx cspops observe --previous "$RUNNER_TEMP/previous/snapshot.json" --out "$RUNNER_TEMP/snapshot.json"',
    );
    expect(steps[dashboard]?.run).toContain('--observed "$RUNNER_TEMP/snapshot.json" --issue');
    expect(steps[upload]).toMatchObject({
      if: "always()",
      with: { name: "drift-snapshot", path: `${expression("runner.temp")}/snapshot.json` },
    });
    expect(
      [fetch, observe, dashboard, upload].every((index, at, all) => at === 0 || index > (all[at - 1] ?? 0)),
    ).toBe(true);
  });
});

describe("preview.yml runs a pull request's code only after review", () => {
  const workflow = byName("preview.yml");
  const job = workflow.document.jobs.preview!;

  it("waits in the pr-preview environment, whose reviewers approve each run", () => {
    expect(runsPullRequestCode(workflow, job)).toBe(true);
    expect(environmentOf(job)).toBe("pr-preview");
  });

  it("hands the Pulumi secrets to the preview step alone, not to npm ci or the build", () => {
    const holders = (job.steps ?? []).filter((step) =>
      /PULUMI_(ACCESS_TOKEN|CONFIG_PASSPHRASE)/.test(JSON.stringify(step)),
    );

    expect(holders.map((step) => step.uses?.split("@")[0])).toEqual(["pulumi/actions"]);
    expect(JSON.stringify(job.env)).not.toMatch(/secrets\./);
    expect(workflow.document.env).toBeUndefined();
  });

  it("skips forks, which get neither secrets nor an OIDC token", () => {
    expect(job.if).toBe("github.event.pull_request.head.repo.full_name == github.repository");
  });
});

describe("reconcile.yml comments on every pull request, forks included, without running their code", () => {
  const workflow = byName("reconcile.yml");
  const observe = workflow.document.jobs.observe!;
  const comment = workflow.document.jobs.comment!;

  it("runs as the base branch's file (pull_request_target), for forks too", () => {
    expect(triggers(workflow)).toEqual(["pull_request_target"]);
    expect(observe.if).toBeUndefined();
    expect(comment.if).toBeUndefined();
  });

  it("observes with the base branch's code and the pull request's instance files as data", () => {
    const [base, , , , head, copy] = observe.steps ?? [];

    expect(runsPullRequestCode(workflow, observe)).toBe(false);
    expect(base?.with?.ref).toBe(expression("github.event.pull_request.base.sha"));
    expect(head?.with).toMatchObject({
      ref: expression("github.event.pull_request.head.sha"),
      repository: expression("github.event.pull_request.head.repo.full_name"),
      path: ".pull-request-head",
      "sparse-checkout": "/instances/*.yaml\n/instances/*.yml\n",
      "sparse-checkout-cone-mode": false,
      "persist-credentials": false,
      "allow-unsafe-pr-checkout": true,
    });
    expect(copy?.run).toMatch(/find \.pull-request-head\/instances -maxdepth 1 -type f/);
    expect(copy?.run).toMatch(/rm -rf \.pull-request-head/);
    expect(environmentOf(observe)).toBe("pr-observe");
  });

  it("comments from a job with only pull-requests: write and the snapshot, no cloud credential", () => {
    const runs = (comment.steps ?? []).map((step) => step.run ?? "");

    expect(permissionsOf(workflow, comment)).toEqual({ contents: "read", "pull-requests": "write" });
    expect(comment.needs).toBe("observe");
    expect(runs).toContain('npx cspops reconcile --observed "$RUNNER_TEMP/observed/snapshot.json" --comment');
    expect(JSON.stringify(comment)).not.toMatch(/id-token|AZURE_|PULUMI_/);
  });
});

describe("each rule catches the workflow it is about", () => {
  it("PR code with an OIDC token and Pulumi secrets outside pr-preview (old preview.yml, old reconcile.yml)", () => {
    expect(pullRequestCodeNeedsReview(byName("preview.yml", insecure))).toEqual([
      "preview.yml: job preview runs the pull request's code with cloud credentials outside the pr-preview environment",
    ]);
    expect(pullRequestCodeNeedsReview(byName("reconcile.yml", insecure))).toEqual([
      "reconcile.yml: job observe runs the pull request's code with cloud credentials outside the pr-preview environment",
    ]);
  });

  it("a pwn request: pull_request_target that checks out and builds the head", () => {
    const pwn = byName("pwn-request.yml", insecure);

    expect(pullRequestCodeNeedsReview(pwn)).toHaveLength(1);
    expect(baseContextTakesOnlyData(pwn)).toEqual([
      "pwn-request.yml: job observe runs the pull request's code",
      "pwn-request.yml: job observe checks out more of the pull request's head than instances/*.yaml",
      "pwn-request.yml: job observe installs or builds after checking out the pull request's head",
      "pwn-request.yml: job observe leaves the pull request's checkout (the workspace) in place while cspops runs",
    ]);
    expect(commentersHoldOnlyCommentRights(pwn)).toEqual([]);
    expect(checkoutsKeepNoToken(pwn)).toEqual([
      "pwn-request.yml: job observe checks out with persist-credentials (set it to false)",
    ]);
  });

  it("an OIDC token outside a GitHub environment (old deploy.yml, preview.yml, reconcile.yml)", () => {
    expect(
      ["deploy.yml", "preview.yml", "reconcile.yml"].flatMap((file) =>
        oidcOnlyInEnvironments(byName(file, insecure)),
      ),
    ).toEqual([
      "deploy.yml: job deploy gets an OIDC token outside a GitHub environment",
      "preview.yml: job preview gets an OIDC token outside a GitHub environment",
      "reconcile.yml: job observe gets an OIDC token outside a GitHub environment",
    ]);
  });

  it("Pulumi secrets in the workflow-level env, where npm ci's lifecycle scripts see them", () => {
    expect(secretsOnlyInSteps(byName("preview.yml", insecure))).toEqual([
      "preview.yml: secrets in the workflow-level env",
    ]);
    expect(secretsOnlyInSteps(byName("deploy.yml", insecure))).toEqual([
      "deploy.yml: secrets in the workflow-level env",
    ]);
  });

  it("a preview and a deploy in one concurrency group", () => {
    const groups = ["deploy.yml", "preview.yml"].flatMap((file) => concurrencyGroups(byName(file, insecure)));

    expect(new Set(groups).size).toBeLessThan(groups.length);
  });

  it("a deploy that a later run may cancel", () => {
    const deploy = byName("deploy.yml", insecure);
    const cancellable = readWorkflow(
      "deploy.yml",
      deploy.text.replace("cancel-in-progress: false", "cancel-in-progress: true"),
    );

    expect(deployNeverCancelled(deploy)).toEqual([]);
    expect(deployNeverCancelled(cancellable)).toEqual([
      "deploy.yml: runs pulumi up without a concurrency group that never cancels it",
    ]);
  });

  it("path filters that miss src/adapters/** and src/cli/**, which the program imports", () => {
    expect(pathFiltersCoverTheProgram(byName("preview.yml", insecure))).toEqual([
      "preview.yml: pull_request's paths filter misses src/**",
    ]);
    expect(pathFiltersCoverTheProgram(byName("deploy.yml", insecure))).toEqual([
      "deploy.yml: push's paths filter misses src/**",
    ]);
    expect(pathFiltersCoverTheProgram(byName("reconcile.yml", insecure))).toEqual([
      "reconcile.yml: pull_request's paths filter misses src/**, package.json, package-lock.json",
    ]);
  });

  it("a commenter that also holds issues: write or a cloud secret", () => {
    const reconcile = byName("reconcile.yml");
    const widened = readWorkflow(
      "reconcile.yml",
      reconcile.text.replace(
        "pull-requests: write # create",
        "issues: write\n      pull-requests: write # create",
      ),
    );

    expect(commentersHoldOnlyCommentRights(reconcile)).toEqual([]);
    expect(commentersHoldOnlyCommentRights(widened)).toEqual([
      "reconcile.yml: job comment writes to the pull request and also holds issues: write",
    ]);
  });
});
