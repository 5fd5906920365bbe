import { compareDiagnostics, type Diagnostic, isError } from "./diagnostic.js";
import { validate as generatedValidate } from "./generated/partner-instance-validator.js";
import { type LoadedInstance, normaliseInstance, type PartnerInstanceDocument } from "./instance.js";
import { createLocator, type Locator, type Position } from "./positions.js";
import { documentRules, instanceRules } from "./rules/index.js";
import { type InstanceFacts, readInstanceFacts } from "./rules/instance-facts.js";
import { indexInstances } from "./rules/instance-index.js";
import type { Finding } from "./rules/rule.js";
import { checkSecretShapesInText } from "./rules/secret-in-yaml.js";
import { type SchemaError, translateSchemaErrors } from "./schema-errors.js";
import { redactSecrets } from "./secrets.js";
import { decodeInstanceBytes } from "./yaml-decode.js";
import { parseInstanceYaml } from "./yaml-parse.js";

/** One instance file's content, as the file-system adapter (or a test, or the Pulumi program) read it. */
export interface InstanceSource {
  /** Repository-relative, `/`-separated; shown in diagnostics as is. */
  readonly file: string;
  readonly bytes: Uint8Array;
}

/**
 * The outcome of validating every instance file together. `instances` holds the files without
 * errors (all of them when `ok`); `diagnostics` are sorted by file and position and, when `ok`,
 * are warnings only. `fileCount` counts every file given, readable or not.
 */
export type ValidationResult =
  | {
      readonly ok: true;
      readonly instances: readonly LoadedInstance[];
      readonly diagnostics: readonly Diagnostic[];
      readonly fileCount: number;
    }
  | {
      readonly ok: false;
      readonly instances: readonly LoadedInstance[];
      readonly diagnostics: readonly Diagnostic[];
      readonly fileCount: number;
    };

interface SchemaValidator {
  (data: unknown): boolean;
  errors?: readonly SchemaError[] | null;
}
const validateSchema = generatedValidate as unknown as SchemaValidator;

/** A file that parsed into a mapping: what the cross-file rules and the result need of it. */
interface ReadableFile {
  readonly file: string;
  readonly locator: Locator;
  readonly data: Record<string, unknown>;
  readonly schemaValid: boolean;
  readonly facts: InstanceFacts;
}

/**
 * Validates instance files: decode (UTF-8) → parse (YAML) → schema (with defaults) → rules over
 * all files together. Pure and total: every problem, however malformed the input, is a
 * diagnostic with a position, never an exception; one bad file never hides the others.
 */
export function validateInstanceSources(sources: readonly InstanceSource[]): ValidationResult {
  const diagnostics: Diagnostic[] = [];
  const readable: ReadableFile[] = [];
  for (const source of sources) {
    const file = readFile(source, diagnostics);
    if (file !== undefined) readable.push(file);
  }

  const locators = new Map(readable.map((file) => [file.file, file.locator]));
  const unreadable = sources.length - readable.length;
  const set = indexInstances(readable.map((file) => file.facts));
  for (const rule of instanceRules) {
    for (const finding of rule(set)) {
      const locator = locators.get(finding.file);
      if (locator !== undefined)
        diagnostics.push(withUnreadableNote(toDiagnostic(finding, locator), unreadable));
    }
  }

  const failing = new Set(diagnostics.filter(isError).map((diagnostic) => diagnostic.file));
  const instances = readable
    .filter((file) => file.schemaValid && !failing.has(file.file))
    .map((file) => ({ file: file.file, instance: normaliseInstance(file.data as PartnerInstanceDocument) }));
  const sorted = diagnostics.map(redactDiagnostic).sort(compareDiagnostics);
  const ok = failing.size === 0;
  return { ok, instances, diagnostics: sorted, fileCount: sources.length };
}

function readFile(source: InstanceSource, diagnostics: Diagnostic[]): ReadableFile | undefined {
  const decoded = decodeInstanceBytes(source.file, source.bytes);
  if (!decoded.ok) {
    diagnostics.push(decoded.diagnostic);
    diagnostics.push(...scanUnparsedText(source.file, decoded.lossyText));
    return undefined;
  }
  const parsed = parseInstanceYaml(source.file, decoded.text);
  if (!parsed.ok) {
    diagnostics.push(...parsed.diagnostics);
    diagnostics.push(...scanUnparsedText(source.file, decoded.text));
    return undefined;
  }
  const { data } = parsed.parsed;
  const documentFindings = documentRules.flatMap((rule) => rule(parsed.parsed));
  // Ajv fills in defaults as it validates: `data` is toJS's fresh copy, owned by this file.
  const schemaValid = validateSchema(data);
  const schemaFindings = schemaValid
    ? []
    : translateSchemaErrors(source.file, validateSchema.errors ?? [], data);
  const claimed = documentFindings
    .filter((finding) => finding.offset === undefined)
    .map((finding) => finding.pointer);
  const findings = [
    ...documentFindings,
    ...schemaFindings.filter((finding) => !isClaimed(finding.pointer, claimed)),
  ];
  // Valid files (most of them) keep no text in memory: their locator reads the bytes again if a
  // cross-file rule ever points into them.
  const locator = findings.length > 0 ? parsed.parsed.locator : rereadingLocator(source);
  diagnostics.push(...findings.map((finding) => toDiagnostic(finding, locator)));
  const invalidPointers = new Set(findings.map((finding) => finding.pointer));
  return {
    file: source.file,
    locator,
    data,
    schemaValid,
    facts: readInstanceFacts(source.file, data, invalidPointers),
  };
}

function rereadingLocator(source: InstanceSource): Locator {
  let loaded: Locator | undefined;
  const load = (): Locator => {
    if (loaded !== undefined) return loaded;
    const decoded = decodeInstanceBytes(source.file, source.bytes);
    const parsed = decoded.ok ? parseInstanceYaml(source.file, decoded.text) : undefined;
    loaded = parsed?.ok ? parsed.parsed.locator : createLocator("", () => []);
    return loaded;
  };
  return {
    locate: (pointer, anchor) => load().locate(pointer, anchor),
    positionOf: (offset) => load().positionOf(offset),
    pointerAt: (offset) => load().pointerAt(offset),
  };
}

/** A removed field or a leaked secret says more than "unknown key" or "must be a mapping" there. */
function isClaimed(pointer: string, claimed: readonly string[]): boolean {
  return claimed.some((owner) => pointer === owner || pointer.startsWith(`${owner}/`));
}

function scanUnparsedText(file: string, text: string): Diagnostic[] {
  return checkSecretShapesInText(file, text).map((finding) => ({
    ...toBaseDiagnostic(finding),
    ...positionInText(text, finding.offset ?? 0),
  }));
}

function toDiagnostic(finding: Finding, locator: Locator): Diagnostic {
  const position =
    finding.offset === undefined
      ? locator.locate(finding.pointer, finding.anchor)
      : locator.positionOf(finding.offset);
  return { ...toBaseDiagnostic(finding), ...position };
}

function toBaseDiagnostic(finding: Finding): Omit<Diagnostic, "line" | "column"> {
  return {
    file: finding.file,
    path: finding.pointer,
    code: finding.code,
    severity: finding.severity,
    message: finding.message,
    ...(finding.hint === undefined ? {} : { hint: finding.hint }),
  };
}

function withUnreadableNote(diagnostic: Diagnostic, unreadable: number): Diagnostic {
  if (unreadable === 0 || diagnostic.code !== "pairing.unknown-primary") return diagnostic;
  const note = `${unreadable} file(s) could not be read: the primary may be among them`;
  return { ...diagnostic, hint: diagnostic.hint === undefined ? note : `${diagnostic.hint}; ${note}` };
}

/** The last guard: no message or hint carries a secret-shaped value, whatever produced it. */
function redactDiagnostic(diagnostic: Diagnostic): Diagnostic {
  const message = redactSecrets(diagnostic.message);
  const hint = diagnostic.hint === undefined ? undefined : redactSecrets(diagnostic.hint);
  if (message === diagnostic.message && hint === diagnostic.hint) return diagnostic;
  return { ...diagnostic, message, ...(hint === undefined ? {} : { hint }) };
}

function positionInText(text: string, offset: number): Position {
  let line = 1;
  let lineStart = 0;
  for (
    let index = text.indexOf("\n");
    index !== -1 && index < offset;
    index = text.indexOf("\n", index + 1)
  ) {
    line++;
    lineStart = index + 1;
  }
  return { line, column: offset - lineStart + 1 };
}
