import { compareDiagnostics, type Diagnostic, isError } from "./diagnostic.js";
import { validate as generatedValidate } from "./generated/partner-instance-validator.js";
import { normaliseInstance, type PartnerInstanceDocument } from "./instance.js";
import { createLocator, type Locator, parsePointer, positionInText, toPointer } from "./positions.js";
import { documentRules, instanceRules } from "./rules/index.js";
import { type InstanceFacts, readInstanceFacts } from "./rules/instance-facts.js";
import { indexInstances } from "./rules/instance-index.js";
import type { Finding } from "./rules/rule.js";
import { checkSecretShapesInText } from "./rules/secret-in-yaml.js";
import { type SchemaError, translateSchemaErrors } from "./schema-errors.js";
import { redactSecrets } from "./secrets.js";
import type { InstanceSource, ValidationResult } from "./validate-instances.js";
import { decodeInstanceBytes } from "./yaml-decode.js";
import { type ParsedYamlFile, type ParseResult, parseInstanceYamlFast } from "./yaml-parse.js";

/** Reads a file the fast reader declined: `parseInstanceYamlWithLibrary` (yaml-library-parse.ts). */
export type LibraryParser = (file: string, text: string) => ParseResult;

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
 * Validation half done: every file the fast reader could read is checked on its own; the rest wait
 * in `pending` for the `yaml` library, which `finishValidation` is given only if there are any.
 */
export interface StartedValidation {
  readonly sources: readonly InstanceSource[];
  /** Per source, in order: its readable file, undefined if unreadable, or pending. */
  readonly files: readonly (ReadableFile | undefined | { readonly pending: string })[];
  readonly diagnostics: readonly Diagnostic[];
  readonly pending: number;
}

/** Decodes and parses what the fast reader can, and checks those files on their own. */
export function startValidation(sources: readonly InstanceSource[]): StartedValidation {
  const diagnostics: Diagnostic[] = [];
  let pending = 0;
  const files = sources.map((source) => {
    const decoded = decodeInstanceBytes(source.file, source.bytes);
    if (!decoded.ok) {
      diagnostics.push(decoded.diagnostic, ...scanUnparsedText(source.file, decoded.lossyText));
      return undefined;
    }
    const parsed = parseInstanceYamlFast(source.file, decoded.text);
    if (parsed === undefined) {
      pending++;
      return { pending: decoded.text };
    }
    return checkFile(source, parsed, diagnostics, true);
  });
  return { sources, files, diagnostics, pending };
}

/**
 * Reads the pending files with `parseWithLibrary`, runs the rules over all files together and
 * builds the result. `parseWithLibrary` is only called when `started.pending` is not 0.
 */
export function finishValidation(
  started: StartedValidation,
  parseWithLibrary: LibraryParser,
): ValidationResult {
  const diagnostics = [...started.diagnostics];
  const readable: ReadableFile[] = [];
  started.files.forEach((file, index) => {
    const source = started.sources[index];
    if (file === undefined || source === undefined) return;
    if (!("pending" in file)) {
      readable.push(file);
      return;
    }
    const parsed = parseWithLibrary(source.file, file.pending);
    if (!parsed.ok) {
      diagnostics.push(...parsed.diagnostics, ...scanUnparsedText(source.file, file.pending));
      return;
    }
    readable.push(checkFile(source, parsed.parsed, diagnostics, false));
  });

  const locators = new Map(readable.map((file) => [file.file, file.locator]));
  const unreadable = started.sources.length - readable.length;
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
  return { ok: failing.size === 0, instances, diagnostics: sorted, fileCount: started.sources.length };
}

/** The checks of one parsed file on its own: secrets, removed fields, the schema. */
function checkFile(
  source: InstanceSource,
  parsed: ParsedYamlFile,
  diagnostics: Diagnostic[],
  canReread: boolean,
): ReadableFile {
  const { data } = parsed;
  const documentFindings: Finding[] = [];
  for (const rule of documentRules) documentFindings.push(...rule(parsed));
  // Ajv fills in defaults as it validates: `data` is the parser's fresh copy, owned by this file.
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
  const locator = findings.length > 0 || !canReread ? parsed.locator : rereadingLocator(source);
  diagnostics.push(...findings.map((finding) => toDiagnostic(finding, locator)));
  const invalidPointers =
    findings.length === 0 ? NO_POINTERS : new Set(findings.map((finding) => finding.pointer));
  return {
    file: source.file,
    locator,
    data,
    schemaValid,
    facts: readInstanceFacts(source.file, data, invalidPointers),
  };
}

const NO_POINTERS: ReadonlySet<string> = new Set();

/** Only for files the fast reader read: it reads them again, with positions. */
function rereadingLocator(source: InstanceSource): Locator {
  let loaded: Locator | undefined;
  const load = (): Locator => {
    if (loaded !== undefined) return loaded;
    const decoded = decodeInstanceBytes(source.file, source.bytes);
    const parsed = decoded.ok ? parseInstanceYamlFast(source.file, decoded.text) : undefined;
    loaded = parsed?.locator ?? createLocator("", () => []);
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
  // A key can be a pasted secret too, and a pointer escapes its `~`: redact segment by segment.
  const path = diagnostic.path.includes("Q~")
    ? toPointer(parsePointer(diagnostic.path).map(redactSecrets))
    : diagnostic.path;
  if (message === diagnostic.message && hint === diagnostic.hint && path === diagnostic.path)
    return diagnostic;
  return { ...diagnostic, path, message, ...(hint === undefined ? {} : { hint }) };
}
