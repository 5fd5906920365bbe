import { describe, expect, it } from "vitest";
import {
  type CredentialMachine,
  findCredentialSources,
} from "../../../src/adapters/graph/credential-sources.js";

const bare: CredentialMachine = {
  env: {},
  homeDir: "/home/dev",
  platform: "linux",
  exists: () => false,
  readText: () => undefined,
};

describe("findCredentialSources", () => {
  it("finds nothing on a Linux machine with no variable, no sign-in folder and no Azure DMI tag", () => {
    expect(findCredentialSources(bare)).toEqual([]);
  });

  it.each([
    [{ env: { AZURE_FEDERATED_TOKEN_FILE: "/var/run/token" } }, "AZURE_FEDERATED_TOKEN_FILE is set"],
    [{ env: { IDENTITY_ENDPOINT: "http://169.254.255.2:8081/msi/token" } }, "IDENTITY_ENDPOINT is set"],
    [{ exists: (path: string) => path === "/home/dev/.azure" }, "Azure CLI folder /home/dev/.azure"],
    [
      { env: { AZURE_CONFIG_DIR: "/cfg/az" }, exists: (path: string) => path === "/cfg/az" },
      "Azure CLI folder /cfg/az",
    ],
    [{ readText: () => "7783-7084-3265-9085-8269-3286-77\n" }, "an Azure virtual machine (managed identity)"],
    [{ platform: "win32" as const }, "Windows (a managed identity cannot be ruled out)"],
  ])("names a possible source: %#", (change, source) => {
    expect(findCredentialSources({ ...bare, ...change })).toEqual([source]);
  });

  it("does not count a blank variable (`AZURE_CLIENT_ID=`) or another machine's DMI tag", () => {
    expect(
      findCredentialSources({ ...bare, env: { AZURE_CLIENT_ID: " " }, readText: () => "Default string\n" }),
    ).toEqual([]);
  });
});
