import type { Diagnostic } from "./diagnostic.js";

/** Exit codes of the CLI contract (docs/cli.md). */
export const ExitCode = {
  ok: 0,
  invalidInput: 1,
  usage: 2,
  serviceFailure: 3,
  failOnStatus: 4,
} as const;
export type ExitCode = (typeof ExitCode)[keyof typeof ExitCode];

/** Base of every error cspops expects; the CLI boundary prints `message` and exits with `exitCode`. */
export abstract class CspopsError extends Error {
  abstract readonly exitCode: ExitCode;
  readonly hint: string | undefined;
  /** What a person debugging wants and nobody else: printed only with `--verbose`. */
  readonly detail: string | undefined;

  constructor(
    message: string,
    options: { hint?: string | undefined; detail?: string | undefined; cause?: unknown } = {},
  ) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = new.target.name;
    this.hint = options.hint;
    this.detail = options.detail;
  }
}

/** The command line itself is wrong (unknown option, missing argument). Exit 2. */
export class UsageError extends CspopsError {
  readonly exitCode = ExitCode.usage;
}

/** Something the user gave is wrong and they can fix it (a file, a name, a date). Exit 1. */
export class InputError extends CspopsError {
  readonly exitCode = ExitCode.invalidInput;
}

/** The instance files are invalid; carries every diagnostic. Exit 1. */
export class InvalidInstancesError extends CspopsError {
  readonly exitCode = ExitCode.invalidInput;

  constructor(readonly diagnostics: readonly Diagnostic[]) {
    super(`${diagnostics.length} problem(s) in the instance files`);
  }
}

/**
 * A remote service (Microsoft Graph, Entra, GitHub) failed. Carries what helps a person or a
 * support ticket, never a credential. Exit 3.
 */
export class ServiceError extends CspopsError {
  readonly exitCode = ExitCode.serviceFailure;
  readonly service: string;
  readonly status: number | undefined;
  readonly requestId: string | undefined;
  readonly code: string | undefined;

  constructor(
    service: string,
    message: string,
    details: {
      status?: number | undefined;
      requestId?: string | undefined;
      code?: string | undefined;
      hint?: string | undefined;
      detail?: string | undefined;
      cause?: unknown;
    } = {},
  ) {
    super(message, { hint: details.hint, detail: details.detail, cause: details.cause });
    this.service = service;
    this.status = details.status;
    this.requestId = details.requestId;
    this.code = details.code;
  }
}

/** A bug in cspops. The only kind whose stack trace the CLI shows. */
export class InternalError extends CspopsError {
  readonly exitCode = ExitCode.invalidInput;
}

/** Any thrown value as a `CspopsError`: ours pass through; anything else is a bug (`InternalError`). */
export function asCspopsError(error: unknown): CspopsError {
  if (error instanceof CspopsError) return error;
  return new InternalError(error instanceof Error ? error.message : String(error), { cause: error });
}
