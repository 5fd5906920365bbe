import type * as pulumi from "@pulumi/pulumi";

/** What the stack output needs from an instance's app, created or adopted. */
export interface ProvisionedApp {
  /** Application (client) ID. */
  readonly appId: pulumi.Output<string>;
  /** The current Key, already a Pulumi secret; `null` for an adopted app. */
  readonly key: pulumi.Output<string> | null;
  /** When `key` expires (RFC 3339); `null` for an adopted app. */
  readonly keyExpiresAt: pulumi.Output<string> | null;
}
