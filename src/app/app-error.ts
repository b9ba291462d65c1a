import { CaseError, type CaseErrorCode } from "../domain/case/case-error.js";

/** `planEmpty`: a step that needs plan content (a measure or a plan file) was marked done without any. */
export type AppErrorCode =
  | "notFound"
  | "forbidden"
  | "conflict"
  | "invalidInput"
  | "planEmpty"
  | "fileTooBig"
  | "fileNotAllowed"
  | CaseErrorCode;

/**
 * A refusal the user should hear about; the bot translates `code`, the message is for logs.
 * Use cases rethrow a domain CaseError as an AppError with the same code (the CaseError kept as
 * `cause`), so the bot handles one error type.
 */
export class AppError extends Error {
  override readonly name = "AppError";

  constructor(
    readonly code: AppErrorCode,
    message: string = code,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }

  /** A CaseError as an AppError with its code; anything else unchanged. */
  static fromDomain(error: unknown): unknown {
    return error instanceof CaseError ? new AppError(error.code, error.message, { cause: error }) : error;
  }
}

/** Runs a pure domain call, turning its CaseError into an AppError. */
export function domainCall<T>(run: () => T): T {
  try {
    return run();
  } catch (error) {
    throw AppError.fromDomain(error);
  }
}
