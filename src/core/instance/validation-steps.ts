import { capDiagnosticsPerFile } from "../diagnostics/cap-diagnostics.js";
import { compareDiagnostics, type Diagnostic, isError } from "../diagnostics/diagnostic.js";
import { validate as generatedValidate } from "../generated/partner-instance-validator.js";
import { documentRules, instanceRules } from "../rules/index.js";
import { type InstanceFacts, readInstanceFacts } from "../rules/instance-facts.js";
import { indexInstances } from "../rules/instance-index.js";
import type { Finding } from "../rules/rule.js";
import { checkSecretShapesInText } from "../rules/secret-in-yaml.js";
import type { SchemaError, translateSchemaErrors } from "../schema-errors/schema-errors.js";
import { redactSecrets } from "../secrets/secrets.js";
import { createLocator, deferLocator, type Locator, parsePointer, toPointer } from "../yaml/positions.js";
import { decodeInstanceBytes } from "../yaml/yaml-decode.js";
import { type ParsedYamlFile, type ParseResult, parseInstanceYamlFast } from "../yaml/yaml-parse.js";
import { checkYamlShape } from "../yaml/yaml-shape-limits.js";
import { type LoadedInstance, normaliseInstance, type PartnerInstanceDocument } from "./instance.js";
import { isMeantAsInstance, notAnInstanceFinding } from "./instance-kind.js";
import type { InstanceSource, ValidationResult } from "./validation-types.js";

/** Reads a file with the `yaml` library: `parseInstanceYamlWithLibrary` (yaml-library-parse.ts). */
export type LibraryParser = (file: string, text: string) => ParseResult;

/**
 * What a file with anything to report needs, and nothing else does: the `yaml` library's parser
 * (for positions) and the translation of Ajv's errors. Callers load it only then
 * (`libraryPath` in library-path.ts), which keeps both out of `validate`'s start-up.
 */
export interface LibraryPath {
  readonly parse: LibraryParser;
  readonly translateSchemaErrors: typeof translateSchemaErrors;
}

interface SchemaValidator {
  (data: unknown): boolean;
  errors?: readonly SchemaError[] | null;
}
const validateSchema = generatedValidate as unknown as SchemaValidator;

/** A file that parsed into a mapping: what the cross-file rules and the result need of it. */
interface ReadableFile {
  readonly source: InstanceSource;
  /** Undefined for a file read on the fast path, which knows no positions (yaml-parse.ts). */
  readonly locator: Locator | undefined;
  /** Undefined when a worker thread left it behind (`FileOutcome`): `dataOf` reads it again. */
  readonly data: Record<string, unknown> | undefined;
  readonly schemaValid: boolean;
  readonly facts: InstanceFacts;
}

/** A file waiting for the `yaml` library, with its decoded text. */
interface PendingFile {
  readonly pending: string;
}

/**
 * YAML that declares something else (Pulumi.yaml, a workflow): warned about once, then skipped;
 * only its text is still scanned for a pasted client secret.
 */
const SKIPPED = { skipped: true } as const;
type SkippedFile = typeof SKIPPED;

/**
 * Validation half done: every file the fast path read without finding anything is checked; the
 * rest wait in `files` as pending for the `yaml` library, which `finishValidation` needs only if
 * `needsLibrary`.
 */
export interface StartedValidation {
  readonly sources: readonly InstanceSource[];
  /** Per source, in order: its readable file, undefined if unreadable, pending, or skipped. */
  readonly files: readonly (ReadableFile | undefined | PendingFile | SkippedFile)[];
  readonly diagnostics: readonly Diagnostic[];
  /** The cross-file rules' findings, already worked out when no file is pending. */
  readonly crossFileFindings: readonly Finding[] | undefined;
  /** A file is pending, or a cross-file rule points into a file: positions are needed. */
  readonly needsLibrary: boolean;
  readonly options: ValidationOptions;
}

export interface ValidationOptions {
  /** The day (`YYYY-MM-DD`, UTC) to judge dates by (acknowledgements); date rules are skipped without it. */
  readonly today?: string | undefined;
  /**
   * False when the result's `instances` will not be asked for (`validate`): a clean file's data is
   * then not kept, which spares the garbage collector 10,000 files' worth of objects (if they are
   * asked for after all, each file is read again). Default true.
   */
  readonly instancesWanted?: boolean | undefined;
}

/**
 * What checking one file on its own found, as plain data: it crosses from a worker thread to the
 * main one unchanged (src/cli/validate-parallel.ts), so both paths build the same result.
 * - `unreadable`: not UTF-8, or beyond the shape limits; its diagnostics say why;
 * - `skipped`: YAML that declares something else; its diagnostics warn about it;
 * - `pending`: anything to report, or YAML the fast path declines: the `yaml` library reads `text`;
 * - `clean`: read on the fast path with nothing to report on its own. A worker thread leaves its
 *   `data` out (copying it between threads costs more than reading it again): only the loaded
 *   instances need it, and `dataOf` reads the file again when they are asked for.
 */
export type FileOutcome =
  | { readonly kind: "unreadable" | "skipped"; readonly diagnostics: readonly Diagnostic[] }
  | { readonly kind: "pending"; readonly text: string }
  | {
      readonly kind: "clean";
      readonly data: Record<string, unknown> | undefined;
      readonly facts: InstanceFacts;
    };

/**
 * Decodes one file and, when the fast path reads it, checks it on its own. A file with anything
 * to report (or that the fast path declines) is pending: the `yaml` library reads it again, for
 * positions, in `finishValidation`.
 */
export function checkSourceAlone(source: InstanceSource, keepData = true): FileOutcome {
  const decoded = decodeInstanceBytes(source.file, source.bytes);
  if (!decoded.ok) {
    return {
      kind: "unreadable",
      diagnostics: [decoded.diagnostic, ...scanUnparsedText(source.file, decoded.lossyText)],
    };
  }
  const shape = checkYamlShape(source.file, decoded.text);
  if (shape !== undefined) {
    return { kind: "unreadable", diagnostics: [shape, ...scanUnparsedText(source.file, decoded.text)] };
  }
  const parsed = parseInstanceYamlFast(source.file, decoded.text);
  if (parsed !== undefined && !isMeantAsInstance(parsed.data)) {
    return {
      kind: "skipped",
      diagnostics: [notAnInstance(source.file), ...scanUnparsedText(source.file, decoded.text)],
    };
  }
  if (parsed === undefined || !isClean(parsed)) return { kind: "pending", text: decoded.text };
  return {
    kind: "clean",
    data: keepData ? parsed.data : undefined,
    facts: readInstanceFacts(source.file, parsed.data, NO_POINTERS),
  };
}

/**
 * Decodes every file and checks on its own each one the fast path reads (`checkSourceAlone`).
 * When nothing is pending the cross-file rules run here, so that the caller knows whether it
 * needs the library at all.
 */
export function startValidation(
  sources: readonly InstanceSource[],
  options: ValidationOptions = {},
): StartedValidation {
  const keepData = options.instancesWanted !== false;
  return startValidationFrom(
    sources,
    sources.map((source) => checkSourceAlone(source, keepData)),
    options,
  );
}

/**
 * `startValidation` from each source's `checkSourceAlone` outcome, worked out elsewhere (in worker
 * threads, src/cli/validate-parallel.ts); `outcomes[i]` belongs to `sources[i]`.
 */
export function startValidationFrom(
  sources: readonly InstanceSource[],
  outcomes: readonly FileOutcome[],
  options: ValidationOptions = {},
): StartedValidation {
  const diagnostics: Diagnostic[] = [];
  let pending = 0;
  const files = outcomes.map((outcome, index): ReadableFile | undefined | PendingFile | SkippedFile => {
    if (outcome.kind === "clean") {
      const source = sources[index] as InstanceSource;
      return { source, locator: undefined, data: outcome.data, schemaValid: true, facts: outcome.facts };
    }
    if (outcome.kind === "pending") {
      pending++;
      return { pending: outcome.text };
    }
    diagnostics.push(...outcome.diagnostics);
    return outcome.kind === "skipped" ? SKIPPED : undefined;
  });
  const crossFileFindings = pending === 0 ? runInstanceRules(files.filter(isReadable), options) : undefined;
  const needsLibrary = crossFileFindings === undefined || crossFileFindings.length > 0;
  return { sources, files, diagnostics, crossFileFindings, needsLibrary, options };
}

/**
 * Reads the pending files with the `yaml` library, runs the rules over all files together and
 * builds the result. `library` is only used when `started.needsLibrary`.
 */
export function finishValidation(started: StartedValidation, library: LibraryPath): ValidationResult {
  const parseWithLibrary = library.parse;
  const diagnostics = [...started.diagnostics];
  const readable: ReadableFile[] = [];
  let skipped = 0;
  started.files.forEach((file, index) => {
    const source = started.sources[index];
    if (file === undefined || source === undefined) return;
    if ("skipped" in file) {
      skipped++;
      return;
    }
    if (isReadable(file)) {
      readable.push(file);
      return;
    }
    const parsed = parseWithLibrary(source.file, file.pending);
    if (!parsed.ok) {
      diagnostics.push(...parsed.diagnostics, ...scanUnparsedText(source.file, file.pending));
      return;
    }
    if (!isMeantAsInstance(parsed.parsed.data)) {
      diagnostics.push(notAnInstance(source.file), ...scanUnparsedText(source.file, file.pending));
      skipped++;
      return;
    }
    readable.push(checkFile(source, parsed.parsed, diagnostics, library.translateSchemaErrors));
  });

  const byFile = new Map(readable.map((file) => [file.source.file, file]));
  const fileCount = started.sources.length - skipped;
  const unreadable = fileCount - readable.length;
  for (const finding of started.crossFileFindings ?? runInstanceRules(readable, started.options)) {
    const file = byFile.get(finding.file);
    if (file === undefined) continue;
    const locator = file.locator ?? rereadingLocator(file.source, parseWithLibrary);
    diagnostics.push(withUnreadableNote(toDiagnostic(finding, locator), unreadable));
  }

  const failing = new Set(diagnostics.filter(isError).map((diagnostic) => diagnostic.file));
  const valid = readable.filter((file) => file.schemaValid && !failing.has(file.source.file));
  const sorted = capDiagnosticsPerFile(diagnostics.map(redactDiagnostic).sort(compareDiagnostics));
  let instances: LoadedInstance[] | undefined;
  return {
    ok: failing.size === 0,
    // Built when first asked for: `validate` never asks, and files a worker read would be read again.
    get instances(): readonly LoadedInstance[] {
      instances ??= valid.map((file) => ({
        file: file.source.file,
        instance: normaliseInstance(dataOf(file) as PartnerInstanceDocument),
      }));
      return instances;
    },
    diagnostics: sorted,
    fileCount,
  };
}

/**
 * A readable file's data, with the schema's defaults. A clean file whose data a worker thread
 * left behind is read again on the fast path, which read it the first time (same bytes, same data).
 */
function dataOf(file: ReadableFile): Record<string, unknown> {
  if (file.data !== undefined) return file.data;
  const decoded = decodeInstanceBytes(file.source.file, file.source.bytes);
  const parsed = decoded.ok ? parseInstanceYamlFast(file.source.file, decoded.text) : undefined;
  if (parsed === undefined || !validateSchema(parsed.data)) {
    throw new Error(`${file.source.file} read differently the second time`);
  }
  return parsed.data;
}

function isReadable(file: ReadableFile | PendingFile | SkippedFile | undefined): file is ReadableFile {
  return file !== undefined && !("pending" in file) && !("skipped" in file);
}

/** Placed at the top of the file: the whole file is skipped, no position inside it matters. */
function notAnInstance(file: string): Diagnostic {
  return { ...toBaseDiagnostic(notAnInstanceFinding(file)), line: 1, column: 1 };
}

function runInstanceRules(files: readonly ReadableFile[], options: ValidationOptions): Finding[] {
  const set = indexInstances(
    files.map((file) => file.facts),
    options.today,
  );
  const findings: Finding[] = [];
  for (const rule of instanceRules) findings.push(...rule(set));
  return findings;
}

/** Nothing to report on its own, so no positions needed (the same checks as `checkFindings`). */
function isClean(parsed: ParsedYamlFile): boolean {
  return documentRules.every((rule) => rule(parsed).length === 0) && validateSchema(parsed.data);
}

/** The checks of one parsed file on its own: secrets, removed fields, the schema. */
function checkFindings(
  parsed: ParsedYamlFile,
  translate: LibraryPath["translateSchemaErrors"],
): { findings: Finding[]; schemaValid: boolean } {
  const { data } = parsed;
  const documentFindings: Finding[] = [];
  for (const rule of documentRules) documentFindings.push(...rule(parsed));
  // Ajv fills in defaults as it validates: `data` is the parser's fresh copy, owned by this file.
  const schemaValid = validateSchema(data);
  const schemaFindings = schemaValid ? [] : translate(parsed.file, validateSchema.errors ?? [], data);
  const claimed = documentFindings
    .filter((finding) => finding.offset === undefined)
    .map((finding) => finding.pointer);
  const findings = [
    ...documentFindings,
    ...schemaFindings.filter((finding) => !isClaimed(finding.pointer, claimed)),
  ];
  return { findings, schemaValid };
}

/** A file the `yaml` library read: its findings become diagnostics, placed by its positions. */
function checkFile(
  source: InstanceSource,
  parsed: ParsedYamlFile,
  diagnostics: Diagnostic[],
  translate: LibraryPath["translateSchemaErrors"],
): ReadableFile {
  const { findings, schemaValid } = checkFindings(parsed, translate);
  diagnostics.push(...findings.map((finding) => toDiagnostic(finding, parsed.locator)));
  const invalidPointers =
    findings.length === 0 ? NO_POINTERS : new Set(findings.map((finding) => finding.pointer));
  return {
    source,
    locator: parsed.locator,
    data: parsed.data,
    schemaValid,
    facts: readInstanceFacts(source.file, parsed.data, invalidPointers),
  };
}

const NO_POINTERS: ReadonlySet<string> = new Set();

/**
 * For a file the fast path read, whose text is not kept in memory: the first question reads its
 * bytes again with the `yaml` library, for positions.
 */
function rereadingLocator(source: InstanceSource, parseWithLibrary: LibraryParser): Locator {
  return deferLocator(() => {
    const decoded = decodeInstanceBytes(source.file, source.bytes);
    const parsed = decoded.ok ? parseWithLibrary(source.file, decoded.text) : undefined;
    return parsed?.ok === true ? parsed.parsed.locator : createLocator("", () => []);
  });
}

/** A removed field or a leaked secret says more than "unknown key" or "must be a mapping" there. */
function isClaimed(pointer: string, claimed: readonly string[]): boolean {
  return claimed.some((owner) => pointer === owner || pointer.startsWith(`${owner}/`));
}

function scanUnparsedText(file: string, text: string): Diagnostic[] {
  const findings = checkSecretShapesInText(file, text);
  if (findings.length === 0) return [];
  const locator = createLocator(text, () => []);
  return findings.map((finding) => ({
    ...toBaseDiagnostic(finding),
    ...locator.positionOf(finding.offset ?? 0),
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
