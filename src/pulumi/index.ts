import path from "node:path";
import * as pulumi from "@pulumi/pulumi";
import type { StackOutputs } from "./define-stack.js";
import { provisionInstances } from "./provision-instances.js";

/**
 * The Pulumi program named in Pulumi.yaml. Pulumi calls the default export and turns what it
 * returns into stack outputs (`instances`). Only the default export: Pulumi refuses a module with
 * both a default and named exports.
 */
export default async function cspopsStack(): Promise<StackOutputs> {
  return provisionInstances({
    instancesDir: process.env.CSPOPS_INSTANCES_DIR || "instances",
    cwd: projectRoot(),
    config: new pulumi.Config(),
    warn: (text) => pulumi.log.warn(text),
  });
}

/** Where Pulumi.yaml is: instance paths resolve against it, wherever `pulumi` was started. */
function projectRoot(): string {
  // Outside the Pulumi engine the SDK answers a placeholder, not a path.
  const root = pulumi.getRootDirectory();
  return path.isAbsolute(root) ? root : process.cwd();
}
