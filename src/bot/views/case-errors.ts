import type { TFunction } from "i18next";
import { AppError, type AppErrorCode } from "../../app/app-error.js";
import { CaseError } from "../../domain/case/index.js";

/** The code of a refusal (an AppError, or a domain CaseError alike); undefined for anything unexpected. */
export function refusalCode(error: unknown): AppErrorCode | undefined {
  return error instanceof AppError || error instanceof CaseError ? error.code : undefined;
}

/** The locale key that explains a refusal to the user (`errors.<code>`); undefined for anything unexpected. */
export function refusalKey(error: unknown): string | undefined {
  const code = refusalCode(error);
  return code === undefined ? undefined : `errors.${code}`;
}

export function refusalText(t: TFunction, error: unknown): string | undefined {
  const key = refusalKey(error);
  return key ? t(key) : undefined;
}
