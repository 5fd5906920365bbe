import type { Finding } from "../rules/rule.js";

/** The fields of an Ajv error that the translation reads. */
export interface SchemaError {
  readonly instancePath: string;
  readonly schemaPath: string;
  readonly keyword: string;
  readonly params: Readonly<Record<string, unknown>>;
  readonly message?: string | undefined;
}

/** A finding before it knows its file; the two extra fields only serve `dropTyposOfMissingKeys`. */
export type Translation = Omit<Finding, "file" | "severity"> & {
  /** For an unknown key: the known key it is probably a typo of. */
  readonly suggestion?: string;
  /** For a missing key: its name. */
  readonly missing?: string;
};
