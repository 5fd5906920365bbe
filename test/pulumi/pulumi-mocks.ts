import { createHash } from "node:crypto";
import * as pulumi from "@pulumi/pulumi";

type MockResourceArgs = pulumi.runtime.MockResourceArgs;
type MockCallArgs = pulumi.runtime.MockCallArgs;

/** A Key value that must never show up outside the secret `key` output. */
export const CANARY_KEY = "Zq8Q~canary-key-value-never-in-plain-output";
/** When the mocked `time_rotating` was created. */
export const ROTATION_BASE = "2026-01-05T09:30:00Z";

export interface MockedStack {
  /** Every resource registered, in order, as the engine would see it. */
  readonly resources: MockResourceArgs[];
  /** Every provider function invoked. */
  readonly calls: MockCallArgs[];
}

/** A GUID derived from `seed`, so that ids are stable across runs. */
export function guidFor(seed: string): string {
  const hex = createHash("sha256").update(seed).digest("hex");
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-8${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

/** The id the mocked engine gives the azuread provider of `tenantId`. */
export function providerIdFor(tenantId: string): string {
  return `provider-${tenantId}`;
}

/**
 * Installs Pulumi mocks that behave like the azuread and time providers in the ways the program
 * relies on (outputs computed by Entra, the rotation timestamp, the password value). Call it before
 * each program run: it starts a fresh engine state.
 */
export async function installMocks(): Promise<MockedStack> {
  const stack: MockedStack = { resources: [], calls: [] };
  await pulumi.runtime.setMocks(
    {
      newResource(args) {
        stack.resources.push(args);
        return mockResource(args);
      },
      call(args) {
        stack.calls.push(args);
        return mockCall(args);
      },
    },
    "cspops",
    "test",
  );
  return stack;
}

function mockResource(args: MockResourceArgs): { id: string; state: Record<string, unknown> } {
  const inputs = args.inputs as Record<string, unknown>;
  switch (args.type) {
    case "pulumi:providers:azuread":
      return { id: providerIdFor(String(inputs.tenantId)), state: inputs };
    case "azuread:index/application:Application": {
      const objectId = guidFor(`application-object:${args.name}`);
      return {
        id: `/applications/${objectId}`,
        state: { ...inputs, clientId: guidFor(`application:${args.name}`), objectId },
      };
    }
    case "azuread:index/servicePrincipal:ServicePrincipal":
      return { id: guidFor(`sp:${args.name}`), state: { ...inputs, objectId: guidFor(`sp:${args.name}`) } };
    case "time:index/rotating:Rotating": {
      const days = Number(inputs.rotationDays);
      const rotation = new Date(Date.parse(ROTATION_BASE) + days * 86_400_000)
        .toISOString()
        .replace(".000Z", "Z");
      return { id: ROTATION_BASE, state: { ...inputs, rfc3339: ROTATION_BASE, rotationRfc3339: rotation } };
    }
    case "azuread:index/applicationPassword:ApplicationPassword": {
      const keyId = guidFor(`password:${args.name}`);
      return {
        id: `${String(inputs.applicationId)}/password/${keyId}`,
        state: { ...inputs, keyId, startDate: ROTATION_BASE, value: CANARY_KEY },
      };
    }
    default:
      return { id: `${args.name}-id`, state: inputs };
  }
}

function mockCall(args: MockCallArgs): Record<string, unknown> {
  const inputs = args.inputs as Record<string, unknown>;
  switch (args.token) {
    case "azuread:index/getClientConfig:getClientConfig":
      return {
        clientId: guidFor("pipeline-app"),
        objectId: guidFor(`deployer:${args.provider ?? ""}`),
        tenantId: "",
      };
    case "azuread:index/getApplication:getApplication":
      return {
        clientId: inputs.clientId,
        objectId: guidFor(`adopted:${String(inputs.clientId)}`),
        displayName: "Registered by hand",
      };
    default:
      throw new Error(`unexpected call ${args.token}`);
  }
}

/** The value of an Output (or plain value) once the mocked engine resolved it. */
export function resolve<T>(value: pulumi.Input<T>): Promise<T> {
  return new Promise((settle) => {
    pulumi.output(value).apply((resolved) => {
      settle(resolved as T);
      return resolved;
    });
  });
}

/** The URNs the mocked engine gave the resources registered since {@link installMocks}. */
export function registeredUrns(): string[] {
  const monitor = pulumi.runtime.getMonitor() as unknown as {
    getRegisteredResources?: () => Map<string, unknown>;
  };
  if (typeof monitor.getRegisteredResources !== "function")
    throw new Error("the mocked engine is not installed");
  return [...monitor.getRegisteredResources().keys()];
}
