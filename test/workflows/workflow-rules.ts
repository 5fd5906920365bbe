import { parse } from "yaml";

/**
 * The trust rules every workflow of this repository keeps (SECURITY.md), as functions that list
 * the problems of one parsed workflow. The tests run them on `.github/workflows/*.yml`, and on the
 * insecure workflows of `test/fixtures/workflows-insecure/` to show that each rule catches what
 * it is about.
 */
export interface Workflow {
  readonly file: string;
  readonly text: string;
  readonly document: WorkflowDocument;
}

export interface WorkflowDocument {
  readonly on?: unknown;
  readonly permissions?: Permissions;
  readonly concurrency?: Concurrency | string;
  readonly env?: Record<string, unknown>;
  readonly jobs: Record<string, Job>;
}

export type Permissions = Readonly<Record<string, string>> | string;

export interface Concurrency {
  readonly group?: string;
  readonly "cancel-in-progress"?: boolean | string;
}

export interface Job {
  readonly if?: string;
  readonly environment?: string | { readonly name?: string };
  readonly permissions?: Permissions;
  readonly concurrency?: Concurrency | string;
  readonly env?: Record<string, unknown>;
  readonly needs?: string | readonly string[];
  readonly strategy?: {
    readonly "fail-fast"?: boolean;
    readonly matrix?: Readonly<Record<string, unknown>>;
  };
  readonly steps?: readonly Step[];
}

export interface Step {
  readonly name?: string;
  readonly uses?: string;
  readonly run?: string;
  readonly with?: Record<string, unknown>;
  readonly env?: Record<string, unknown>;
  readonly "working-directory"?: string;
}

export function readWorkflow(file: string, text: string): Workflow {
  return { file, text, document: parse(text) as WorkflowDocument };
}

/** The environment whose required reviewers approve a run of a pull request's own code. */
export const PR_PREVIEW_ENVIRONMENT = "pr-preview";
/** The permissions a job that only comments may hold. */
const COMMENTER_PERMISSIONS: Readonly<Record<string, string>> = {
  "pull-requests": "write",
  contents: "read",
  actions: "read",
};
/** Events whose runs carry a pull request's content. */
const PULL_REQUEST_EVENTS = ["pull_request", "pull_request_target", "workflow_run"];
/** Events that run this file as it is on the base branch, with secrets, for any pull request. */
const BASE_CONTEXT_EVENTS = ["pull_request_target", "workflow_run"];
/** What the Pulumi program and the CLI are made of: a path filter must include all of these. */
export const REQUIRED_PATHS = [
  "src/**",
  "schemas/**",
  "instances/**",
  "package.json",
  "package-lock.json",
] as const;
const PULUMI_REQUIRED_PATHS = [...REQUIRED_PATHS, "Pulumi.yaml"] as const;
/** `${{ secrets.X }}` other than the repository token that GitHub hands to every run. */
const CLOUD_SECRET = /\$\{\{[^}]*\bsecrets\.(?!GITHUB_TOKEN\b)[A-Za-z_]/;
const ANY_SECRET = /\$\{\{[^}]*\b(?:secrets\.|github\.token\b)/;
/** A checkout `ref` that names the pull request's head rather than the base. */
const HEAD_REF =
  /pull_request\.head\.(?:sha|ref)|github\.head_ref|workflow_run\.head_(?:sha|branch)|refs\/pull\//;
const INSTALL_OR_BUILD = /^\s*(?:npm\s+(?:ci|install|i|run|exec)\b|npx\s+(?!cspops\b)|node\s|pnpm\s|yarn\b)/m;

export function triggers(workflow: Workflow): string[] {
  const on = workflow.document.on;
  if (typeof on === "string") return [on];
  if (Array.isArray(on)) return on.map(String);
  return on !== null && typeof on === "object" ? Object.keys(on) : [];
}

function triggerConfig(workflow: Workflow, event: string): Record<string, unknown> | undefined {
  const on = workflow.document.on;
  if (on === null || typeof on !== "object" || Array.isArray(on)) return undefined;
  const config = (on as Record<string, unknown>)[event];
  return config !== null && typeof config === "object" ? (config as Record<string, unknown>) : undefined;
}

export function jobsOf(workflow: Workflow): [string, Job][] {
  return Object.entries(workflow.document.jobs);
}

/** A job's own permissions, else the workflow's; `read-all`/`write-all` spelled out. */
export function permissionsOf(workflow: Workflow, job: Job): Readonly<Record<string, string>> {
  const permissions = job.permissions ?? workflow.document.permissions ?? "write-all";
  if (typeof permissions === "string") {
    const level = permissions === "read-all" ? "read" : "write";
    return { contents: level, "pull-requests": level, issues: level, actions: level, "id-token": level };
  }
  return permissions;
}

export function environmentOf(job: Job): string | undefined {
  return typeof job.environment === "string" ? job.environment : job.environment?.name;
}

const checkouts = (job: Job): Step[] =>
  (job.steps ?? []).filter((step) => step.uses?.startsWith("actions/checkout@") === true);

const isHeadCheckout = (step: Step): boolean =>
  step.uses?.startsWith("actions/checkout@") === true && HEAD_REF.test(String(step.with?.ref ?? ""));

/**
 * Whether `job` runs code written by the pull request's author: on `pull_request` any checkout
 * (GitHub checks out the merge commit), on the base-context events a checkout of the head into
 * the workspace itself, or one whose folder a later step executes in.
 */
export function runsPullRequestCode(workflow: Workflow, job: Job): boolean {
  const events = triggers(workflow);
  const steps = job.steps ?? [];
  if (events.includes("pull_request") && checkouts(job).some((step) => !isBaseCheckout(step))) return true;
  if (!events.some((event) => BASE_CONTEXT_EVENTS.includes(event))) return false;
  return steps.some((step, index) => {
    if (!isHeadCheckout(step)) return false;
    const folder = step.with?.path;
    if (typeof folder !== "string" || folder === "" || folder === ".") return true;
    return steps
      .slice(index + 1)
      .some((later) => later["working-directory"]?.includes(folder) === true || executesIn(later, folder));
  });
}

const isBaseCheckout = (step: Step): boolean =>
  /pull_request\.base\.(?:sha|ref)/.test(String(step.with?.ref ?? ""));

/** A `run` that does more with `folder` than find, copy and delete files. */
function executesIn(step: Step, folder: string): boolean {
  const script = step.run ?? "";
  if (!script.includes(folder)) return false;
  const commands = script
    .split(/\n|&&|;|\|/)
    .map((part) => part.trim())
    .filter((part) => part.includes(folder));
  return commands.some((command) => !/^(?:rm|cp|find|-exec cp|ls|test|\[)\b/.test(command));
}

/** Cloud credentials: an OIDC token, or any secret besides `GITHUB_TOKEN`. */
export function holdsCloudCredentials(workflow: Workflow, job: Job): boolean {
  return permissionsOf(workflow, job)["id-token"] === "write" || CLOUD_SECRET.test(JSON.stringify(job));
}

/** Problems of one workflow against every rule; empty when it keeps them all. */
export function checkWorkflow(workflow: Workflow): string[] {
  return [
    ...pullRequestCodeNeedsReview(workflow),
    ...baseContextTakesOnlyData(workflow),
    ...oidcOnlyInEnvironments(workflow),
    ...secretsOnlyInSteps(workflow),
    ...deployNeverCancelled(workflow),
    ...pathFiltersCoverTheProgram(workflow),
    ...commentersHoldOnlyCommentRights(workflow),
    ...checkoutsKeepNoToken(workflow),
  ];
}

/** Rule 1: PR code meets cloud credentials only after a reviewer approved the `pr-preview` run. */
export function pullRequestCodeNeedsReview(workflow: Workflow): string[] {
  return jobsOf(workflow).flatMap(([name, job]) =>
    runsPullRequestCode(workflow, job) &&
    holdsCloudCredentials(workflow, job) &&
    environmentOf(job) !== PR_PREVIEW_ENVIRONMENT
      ? [
          `${workflow.file}: job ${name} runs the pull request's code with cloud credentials outside the ${PR_PREVIEW_ENVIRONMENT} environment`,
        ]
      : [],
  );
}

/**
 * Rule 2: in `pull_request_target` and `workflow_run` workflows (the base branch's file, with the
 * repository's secrets, for any pull request, forks included) the pull request's head is checked
 * out only into its own folder, after every install and build, and removed before cspops runs.
 */
export function baseContextTakesOnlyData(workflow: Workflow): string[] {
  if (!triggers(workflow).some((event) => BASE_CONTEXT_EVENTS.includes(event))) return [];
  return jobsOf(workflow).flatMap(([name, job]) => {
    const steps = job.steps ?? [];
    const where = `${workflow.file}: job ${name}`;
    const problems: string[] = [];
    if (runsPullRequestCode(workflow, job)) problems.push(`${where} runs the pull request's code`);
    steps.forEach((step, index) => {
      if (
        step.uses?.startsWith("actions/checkout@") === true &&
        !isHeadCheckout(step) &&
        !isBaseCheckout(step)
      )
        problems.push(
          `${where} checks out without naming the base commit (ref: github.event.pull_request.base.sha)`,
        );
      if (step.with?.["allow-unsafe-pr-checkout"] !== undefined && !isHeadCheckout(step))
        problems.push(`${where} sets allow-unsafe-pr-checkout on a checkout that is not the head's`);
      if (!isHeadCheckout(step)) return;
      const folder = String(step.with?.path ?? "(the workspace)");
      if (!/^(?:\/instances\/\*\.ya?ml\s*)+$/.test(String(step.with?.["sparse-checkout"] ?? "")))
        problems.push(`${where} checks out more of the pull request's head than instances/*.yaml`);
      const later = steps.slice(index + 1);
      if (later.some((other) => INSTALL_OR_BUILD.test(other.run ?? "")))
        problems.push(`${where} installs or builds after checking out the pull request's head`);
      const removedAt = later.findIndex((other) =>
        new RegExp(`rm -rf ${escapeRegExp(folder)}`).test(other.run ?? ""),
      );
      const cspopsAt = later.findIndex((other) => /\bcspops\b/.test(other.run ?? ""));
      if (removedAt < 0 || (cspopsAt >= 0 && cspopsAt < removedAt))
        problems.push(`${where} leaves the pull request's checkout ${folder} in place while cspops runs`);
    });
    return problems;
  });
}

/** Rule 3: every OIDC token comes from a job in an environment, so the federated subject names it. */
export function oidcOnlyInEnvironments(workflow: Workflow): string[] {
  return jobsOf(workflow).flatMap(([name, job]) =>
    permissionsOf(workflow, job)["id-token"] === "write" && environmentOf(job) === undefined
      ? [`${workflow.file}: job ${name} gets an OIDC token outside a GitHub environment`]
      : [],
  );
}

/** Rule 4: a secret is visible to the one step that uses it, never to a whole job or workflow. */
export function secretsOnlyInSteps(workflow: Workflow): string[] {
  const problems: string[] = [];
  if (ANY_SECRET.test(JSON.stringify(workflow.document.env ?? {})))
    problems.push(`${workflow.file}: secrets in the workflow-level env`);
  for (const [name, job] of jobsOf(workflow)) {
    if (ANY_SECRET.test(JSON.stringify(job.env ?? {})))
      problems.push(`${workflow.file}: job ${name} has secrets in its job-level env`);
    for (const step of job.steps ?? []) {
      if (ANY_SECRET.test(step.run ?? ""))
        problems.push(`${workflow.file}: job ${name} writes a secret into a script (use the step's env)`);
    }
  }
  return problems;
}

/** Rule 5: a workflow that runs `pulumi up` is never cancelled half-way. */
export function deployNeverCancelled(workflow: Workflow): string[] {
  const deploys = jobsOf(workflow).some(([, job]) =>
    (job.steps ?? []).some((step) => /\bpulumi\s+up\b/.test(step.run ?? "")),
  );
  if (!deploys) return [];
  const concurrency = workflow.document.concurrency;
  const settings = typeof concurrency === "string" ? { group: concurrency } : concurrency;
  return settings?.group !== undefined && settings["cancel-in-progress"] === false
    ? []
    : [`${workflow.file}: runs pulumi up without a concurrency group that never cancels it`];
}

/** Rule 6: a `paths` filter lists everything the program is made of (or there is none). */
export function pathFiltersCoverTheProgram(workflow: Workflow): string[] {
  const runsPulumi = /\bpulumi[\s/]/.test(workflow.text);
  const required = runsPulumi ? PULUMI_REQUIRED_PATHS : REQUIRED_PATHS;
  return triggers(workflow).flatMap((event) => {
    const config = triggerConfig(workflow, event);
    const problems: string[] = [];
    if (config?.["paths-ignore"] !== undefined)
      problems.push(`${workflow.file}: ${event} uses paths-ignore; list paths instead`);
    const paths = config?.paths;
    if (!Array.isArray(paths)) return problems;
    const missing = required.filter((path) => !paths.includes(path));
    if (missing.length > 0)
      problems.push(`${workflow.file}: ${event}'s paths filter misses ${missing.join(", ")}`);
    return problems;
  });
}

/**
 * Rule 7: in a pull request's workflows, a job that may write to the pull request, unless it is
 * the reviewed preview, holds nothing else: `pull-requests: write`, at most `contents: read` and
 * `actions: read`.
 */
export function commentersHoldOnlyCommentRights(workflow: Workflow): string[] {
  if (!triggers(workflow).some((event) => PULL_REQUEST_EVENTS.includes(event))) return [];
  return jobsOf(workflow).flatMap(([name, job]) => {
    const permissions = permissionsOf(workflow, job);
    const writes = Object.values(permissions).includes("write");
    if (!writes || permissions["id-token"] === "write" || environmentOf(job) === PR_PREVIEW_ENVIRONMENT)
      return [];
    const extra = Object.entries(permissions).filter(
      ([scope, level]) => level !== "none" && COMMENTER_PERMISSIONS[scope] !== level,
    );
    const secrets = CLOUD_SECRET.test(JSON.stringify(job));
    return extra.length > 0 || secrets
      ? [
          `${workflow.file}: job ${name} writes to the pull request and also holds ${[
            ...extra.map(([scope, level]) => `${scope}: ${level}`),
            ...(secrets ? ["secrets"] : []),
          ].join(", ")}`,
        ]
      : [];
  });
}

/** Rule 8: no checkout leaves the job's token in `.git/config` for later steps to find. */
export function checkoutsKeepNoToken(workflow: Workflow): string[] {
  return jobsOf(workflow).flatMap(([name, job]) =>
    checkouts(job).some((step) => step.with?.["persist-credentials"] !== false)
      ? [`${workflow.file}: job ${name} checks out with persist-credentials (set it to false)`]
      : [],
  );
}

/** Concurrency groups of every workflow (workflow-level, else each job's). */
export function concurrencyGroups(workflow: Workflow): string[] {
  const group = (concurrency: Concurrency | string | undefined) =>
    typeof concurrency === "string" ? concurrency : concurrency?.group;
  const own = group(workflow.document.concurrency);
  if (own !== undefined) return [own];
  return jobsOf(workflow).flatMap(([, job]) => {
    const jobGroup = group(job.concurrency);
    return jobGroup === undefined ? [] : [jobGroup];
  });
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}
