import type { TFunction } from "i18next";
import { AppError } from "../../app/app-error.js";
import { CaseError } from "../../domain/case/index.js";

/** The locale key that explains a refusal to the user; undefined for anything unexpected. */
export function refusalKey(error: unknown): string | undefined {
  const code = error instanceof AppError || error instanceof CaseError ? error.code : undefined;
  switch (code) {
    case undefined:
      return undefined;
    case "notFound":
    case "forbidden":
      return "card.unavailable";
    case "conflict":
      return "card.conflict";
    case "invalidInput":
    case "wrongRegulation":
      return "card.invalid";
    default:
      return `caseErrors.${code}`;
  }
}

export function refusalText(t: TFunction, error: unknown): string | undefined {
  const key = refusalKey(error);
  return key ? t(key) : undefined;
}
