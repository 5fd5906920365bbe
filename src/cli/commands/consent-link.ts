import { closest } from "fastest-levenshtein";
import { ExitCode, InputError } from "../../core/diagnostics/errors.js";
import type { LoadedInstance } from "../../core/instance/instance.js";
import { buildInstanceConsentUrl } from "../../core/reconcile/instance-consent-url.js";
import { planReconcile } from "../../core/reconcile/plan-reconcile.js";
import { terminalText } from "../../render/escape/terminal.js";
import { type CliContext, envText } from "../context.js";
import { loadValidInstances } from "../load-instances.js";
import { obtainSnapshot } from "../obtain-snapshot.js";

export interface ConsentLinkOptions {
  readonly name: string;
  readonly dir: string;
  readonly observed?: string;
}

/**
 * `cspops consent-link NAME` (docs/cli.md): prints the link alone on stdout (so scripts can use it) and
 * who must open it on stderr. Exit 1 for an unknown instance or one whose app does not exist yet.
 */
export async function runConsentLink(options: ConsentLinkOptions, context: CliContext): Promise<number> {
  const instances = await loadValidInstances(options.dir, context);
  const loaded = findInstance(instances, options.name, options.dir);
  const appId = await findAppId(loaded, options, context);
  const authority = envText(context.env, "CSPOPS_AUTHORITY_HOST");
  context.stdout.write(`${buildInstanceConsentUrl(loaded.instance, appId, authority)}\n`);
  context.stderr.write(
    `Open this link signed in as ${terminalText(loaded.instance.spec.consent.adminAgent)} (the admin agent, with MFA) and approve.\n`,
  );
  return ExitCode.ok;
}

function findInstance(instances: readonly LoadedInstance[], name: string, dir: string): LoadedInstance {
  const found = instances.find((loaded) => loaded.instance.metadata.name === name);
  if (found !== undefined) return found;
  const names = instances.map((loaded) => loaded.instance.metadata.name);
  const suggestion = names.length === 0 ? undefined : closest(name, names);
  throw new InputError(`no instance named '${name}' in ${dir}`, {
    hint:
      suggestion === undefined
        ? `${dir} declares no instances`
        : `did you mean '${suggestion}'? (known: ${names.slice(0, 10).join(", ")}${names.length > 10 ? ", …" : ""})`,
  });
}

/**
 * An adopted app's id is in the YAML; otherwise the app is looked up in the observed state, and an
 * instance without an app has no link yet.
 */
async function findAppId(
  loaded: LoadedInstance,
  options: ConsentLinkOptions,
  context: CliContext,
): Promise<string> {
  const existingAppId = loaded.instance.spec.app.existingAppId;
  if (existingAppId !== undefined && options.observed === undefined) return existingAppId;
  const snapshot = await obtainSnapshot({ observed: options.observed, dir: options.dir }, [loaded], context);
  const [report] = planReconcile([loaded], snapshot, new Date(Date.parse(snapshot.observedAt))).instances;
  const appId = report?.appId;
  if (appId !== undefined && appId !== null && report?.status !== "not-provisioned") return appId;
  const reason = report?.findings[0]?.message ?? "its app was not found";
  throw new InputError(
    `instance '${loaded.instance.metadata.name}' has no app to consent to yet: ${reason}`,
    {
      hint: "provision it first (`pulumi up`), then ask for the link again",
    },
  );
}
