import type { FromSchema } from "json-schema-to-ts";
import type { partnerInstanceSchema } from "../generated/partner-instance-schema.js";

/**
 * A partner instance as the schema accepts it, after Ajv filled in the schema's defaults
 * (`cloud`, `secret.rotationDays`, `consent.warnDays`, catalogue and provisioning options).
 * Derived from `schemas/partner-instance.schema.json`: never edit a copy of it by hand.
 */
export type PartnerInstanceDocument = FromSchema<typeof partnerInstanceSchema>;

export type Environment = PartnerInstanceDocument["spec"]["environment"];
export type Cloud = PartnerInstanceDocument["spec"]["cloud"];
export type CspStatus = PartnerInstanceDocument["spec"]["partner"]["cspStatus"];

/** A validated instance with every default applied, `app.displayName` included. */
export type PartnerInstance = PartnerInstanceDocument & {
  readonly spec: PartnerInstanceDocument["spec"] & {
    readonly app: PartnerInstanceDocument["spec"]["app"] & { readonly displayName: string };
  };
};

/** An instance together with the file it was declared in (repository-relative, `/`-separated). */
export interface LoadedInstance {
  readonly file: string;
  readonly instance: PartnerInstance;
}

/** `app.displayName` defaults to the instance name. */
export function normaliseInstance(document: PartnerInstanceDocument): PartnerInstance {
  const app = document.spec.app;
  return {
    ...document,
    spec: { ...document.spec, app: { ...app, displayName: app.displayName ?? document.metadata.name } },
  };
}
