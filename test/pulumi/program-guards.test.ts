import * as pulumi from "@pulumi/pulumi";
import { afterEach, describe, expect, it } from "vitest";
import { runValidate } from "../../src/cli/commands/validate.js";
import type { CliContext } from "../../src/cli/context.js";
import type { StackOutputs } from "../../src/pulumi/define-stack.js";
import { provisionInstances } from "../../src/pulumi/provision-instances.js";
import {
  CONTOSO_TENANT,
  EXAMPLE_INSTANCES,
  instanceFiles,
  instanceYaml,
  NORTHWIND_TENANT,
  writeInstancesFolder,
} from "./instance-files.js";
import { guidFor, installMocks, registeredUrns, resolve } from "./pulumi-mocks.js";

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  await Promise.all(cleanups.splice(0).map((cleanup) => cleanup()));
});

async function folderOf(files: Readonly<Record<string, string>>): Promise<string> {
  const folder = await writeInstancesFolder(files);
  cleanups.push(folder.remove);
  return folder.dir;
}

async function settle(result: StackOutputs): Promise<void> {
  await Promise.all(
    Object.values(result.instances).flatMap((entry) => Object.values(entry).map((value) => resolve(value))),
  );
}

/** What `cspops validate` prints for the folder, captured in-process. */
async function validateText(dir: string): Promise<string> {
  let stdout = "";
  const context: CliContext = {
    stdout: { write: (chunk: string) => (stdout += chunk) },
    stderr: { write: () => true },
    env: {},
    cwd: dir,
  };
  await runValidate({ dir: ".", format: "text" }, context);
  return stdout;
}

const [primary, sandbox, fabrikamChina] = EXAMPLE_INSTANCES as [
  (typeof EXAMPLE_INSTANCES)[0],
  (typeof EXAMPLE_INSTANCES)[1],
  (typeof EXAMPLE_INSTANCES)[2],
];

describe("an invalid instances folder", () => {
  it("stops the program with validate's text before any resource is registered", async () => {
    const dir = await folderOf({
      ...instanceFiles([primary]),
      "contoso-sandbox.yaml": instanceYaml({ ...sandbox, sandboxOf: "contoso-live" }),
    });
    const stack = await installMocks();

    const run = provisionInstances({ instancesDir: ".", cwd: dir });

    const error = await run.catch((reason: unknown) => reason);
    expect(pulumi.RunError.isInstance(error)).toBe(true);
    expect(`${(error as Error).message}`).toBe(await validateText(dir));
    expect((error as Error).message).toContain("contoso-live");
    expect(stack.resources).toEqual([]);
    expect(stack.calls).toEqual([]);
  });

  it("refuses an empty folder, which would otherwise delete every app", async () => {
    const dir = await folderOf({});
    const stack = await installMocks();

    const run = provisionInstances({ instancesDir: ".", cwd: dir });

    await expect(run).rejects.toThrow(/no instance files/);
    expect(stack.resources).toEqual([]);
  });

  it("refuses a missing folder with the CLI's message and no stack trace", async () => {
    const dir = await folderOf({});
    const stack = await installMocks();

    const run = provisionInstances({ instancesDir: "nowhere", cwd: dir });

    const error = await run.catch((reason: unknown) => reason);
    expect(pulumi.RunError.isInstance(error)).toBe(true);
    expect((error as Error).message).toMatch(
      /^cspops: the instances folder 'nowhere' does not exist under .*\n {2}hint: set CSPOPS_INSTANCES_DIR/,
    );
    expect(stack.resources).toEqual([]);
  });

  it("refuses one tenant declared in two clouds before registering anything", async () => {
    const dir = await folderOf(
      instanceFiles([
        primary,
        fabrikamChina,
        {
          name: "fabrikam-sandbox",
          environment: "sandbox",
          sandboxOf: "fabrikam-china",
          cloud: "china",
          tenantId: CONTOSO_TENANT,
          defaultDomain: "fabrikamtip.partner.onmschina.cn",
          cspStatus: "direct",
          redirectUris: ["https://bss-staging.fabrikam.example.cn/ms/consent/callback"],
          adminAgent: "tester@fabrikamtip.partner.onmschina.cn",
        },
      ]),
    );
    const stack = await installMocks();

    const run = provisionInstances({ instancesDir: ".", cwd: dir });

    await expect(run).rejects.toThrow(
      /tenant 6a3b8c1e-[-0-9a-f]+ is in the global cloud for 'contoso-primary' but in china/,
    );
    expect(stack.resources).toEqual([]);
  });
});

describe("resource names", () => {
  async function appUrnWith(displayName: string): Promise<{ urns: string[]; displayName: unknown }> {
    const dir = await folderOf(instanceFiles([{ ...primary, displayName }]));
    const stack = await installMocks();
    await settle(await provisionInstances({ instancesDir: ".", cwd: dir }));
    const app = stack.resources.find((resource) => resource.type === "azuread:index/application:Application");
    return { urns: registeredUrns().sort(), displayName: app?.inputs.displayName };
  }

  it("depend on the instance name only: a new display name keeps every URN, so the app is updated in place", async () => {
    const before = await appUrnWith("Contoso BSS");

    const after = await appUrnWith("Contoso BSS - renamed");

    expect(after.displayName).toBe("Contoso BSS - renamed");
    expect(before.displayName).toBe("Contoso BSS");
    expect(after.urns).toEqual(before.urns);
    expect(after.urns).toContain(
      "urn:pulumi:test::cspops::azuread:index/application:Application::contoso-primary",
    );
  });
});

describe("Key rotation", () => {
  it("keeps a replaced Key in Entra until its endDate, never deletes the Partner Center service principal, and retains nothing else", async () => {
    const dir = await folderOf(instanceFiles([primary]));
    await installMocks();
    const retained: Record<string, boolean> = {};

    await pulumi.runtime.runInPulumiStack(async () => {
      pulumi.runtime.registerStackTransformation((args) => {
        retained[args.name] = args.opts.retainOnDelete === true;
        return undefined;
      });
      const outputs = await provisionInstances({ instancesDir: ".", cwd: dir });
      await settle(outputs);
      return outputs;
    });

    expect(retained).toEqual({
      "tenant-6a3b8c1e-0d2f-4b7a-9c5e-1f2a3b4c5d6e": false,
      "partner-center-6a3b8c1e-0d2f-4b7a-9c5e-1f2a3b4c5d6e": true,
      "contoso-primary": false,
      "contoso-primary-key-rotation": false,
      "contoso-primary-key": true,
    });
  });
});

describe("adopted apps", () => {
  it("change nothing in a tenant whose apps are all adopted, not even its Partner Center service principal", async () => {
    const northwind = EXAMPLE_INSTANCES.find((instance) => instance.existingAppId !== undefined);
    if (northwind === undefined) throw new Error("no adopted example instance");
    const dir = await folderOf(instanceFiles([{ ...northwind, tenantId: NORTHWIND_TENANT }]));
    const stack = await installMocks();

    await settle(await provisionInstances({ instancesDir: ".", cwd: dir }));

    expect(stack.resources.map((resource) => resource.type)).toEqual(["pulumi:providers:azuread"]);
    expect(stack.calls.map((call) => call.token)).toContain("azuread:index/getApplication:getApplication");
  });
});

describe("stack config", () => {
  it("signs in to a tenant as the pipeline app named for it in cspops:clientIds", async () => {
    const dir = await folderOf(instanceFiles([primary]));
    const clientId = guidFor("contoso pipeline app");
    const stack = await installMocks();
    const config = {
      getObject: <T>(key: string) =>
        key === "clientIds" ? ({ [CONTOSO_TENANT]: clientId } as T) : undefined,
      getBoolean: () => undefined,
    };

    await settle(await provisionInstances({ instancesDir: ".", cwd: dir, config }));

    const provider = stack.resources.find((resource) => resource.type === "pulumi:providers:azuread");
    // The azuread SDK marks the provider's clientId secret: the mocked engine sees the envelope.
    expect(provider?.inputs.clientId).toEqual({
      [pulumi.runtime.specialSigKey]: pulumi.runtime.specialSecretSig,
      value: clientId,
    });
    expect(provider?.inputs.tenantId).toBe(CONTOSO_TENANT);
  });

  it("rejects cspops:clientIds that is not a map of GUIDs, before registering anything", async () => {
    const dir = await folderOf(instanceFiles([primary]));
    const stack = await installMocks();
    const config = {
      getObject: <T>(key: string) => (key === "clientIds" ? ({ contoso: "not-a-guid" } as T) : undefined),
      getBoolean: () => undefined,
    };

    const run = provisionInstances({ instancesDir: ".", cwd: dir, config });

    await expect(run).rejects.toThrow(/cspops:clientIds must map tenant ids to client ids/);
    expect(stack.resources).toEqual([]);
  });
});
