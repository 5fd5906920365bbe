import * as pulumi from "@pulumi/pulumi";
import { CspopsError } from "../core/diagnostics/errors.js";
import { renderError } from "../render/render-error.js";
import { defineStack, type StackOutputs } from "./define-stack.js";
import { loadStackInstances } from "./load-stack-instances.js";
import { type ConfigReader, readProviderSettings } from "./provider-settings.js";

export interface ProvisionOptions {
  /** Folder of instance files, relative to `cwd` or absolute. */
  readonly instancesDir: string;
  /** The project root (where Pulumi.yaml is). */
  readonly cwd: string;
  /** Stack config (`cspops:clientIds`, `cspops:useOidc`); absent means the defaults. */
  readonly config?: ConfigReader | undefined;
  /** Where validation warnings go; the program passes `pulumi.log.warn`. */
  readonly warn?: ((text: string) => void) | undefined;
}

/**
 * The whole program: validate the instances folder, then register the stack. Every error a user can
 * fix becomes a `RunError` worded as the CLI words it, so Pulumi shows no stack trace.
 */
export async function provisionInstances(options: ProvisionOptions): Promise<StackOutputs> {
  try {
    const settings = options.config === undefined ? {} : readProviderSettings(options.config);
    const instances = await loadStackInstances(options.instancesDir, options.cwd, options.warn ?? (() => {}));
    return defineStack(instances, settings);
  } catch (error) {
    if (error instanceof CspopsError) throw new pulumi.RunError(renderError(error).trimEnd());
    throw error;
  }
}
