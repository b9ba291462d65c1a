import { declineName, readOwnForms, type NameForms } from "../../domain/people/declension.js";
import { createUserRepository } from "../../repositories/user-repository.js";
import { AppError } from "../app-error.js";
import type { PeopleDeps } from "./operator.js";

export interface SavedName {
  /**
   * The library's guesses at the name's forms, when it is not sure of them and the person has not
   * given their own: ask once («кому», «от кого»). Undefined: nothing to ask.
   */
  askForms?: NameForms[];
}

/** Saves the sender's full name; their own forms of an earlier name are dropped. */
export async function saveMyName(deps: PeopleDeps, options: { telegramId: number; fullName: string }): Promise<SavedName> {
  const stored = await createUserRepository(deps.db).setName(options.telegramId, options.fullName);
  if (stored.dative && stored.genitive) return {};
  const declined = declineName(options.fullName);
  return declined.sure ? {} : { askForms: declined.variants };
}

/** Saves how the sender's name reads «кому» and «от кого» (as long as the name is still `fullName`). */
export async function saveMyNameForms(
  deps: PeopleDeps,
  options: { telegramId: number; fullName: string; dative: string; genitive: string },
): Promise<void> {
  const forms = readOwnForms(options.fullName, options.dative, options.genitive);
  if (!forms) throw new AppError("invalidInput", "name forms do not fit the name");
  await createUserRepository(deps.db).setNameForms(options.telegramId, options.fullName, forms);
}
