import { getFirstnameGender, getGender, getMiddlenameGender, inclineFirstname, inclineLastname, inclineMiddlename } from "lvovich";

/*
 * A full name («Фамилия Имя Отчество», as the project stores it) in the cases a sentence needs,
 * declined by lvovich. The library is not always right, so it says whether it is sure:
 * - it must know the gender (Лев Анна: «Леву» or «Лев»? Ким Саша?);
 * - a man's surname ending in a consonant is declined in Russian (Гусь → Гусю) unless it ends in
 *   -ых/-их (Черных); the library leaving one unchanged is a guess.
 * A person's own forms, when they gave them, win over the library.
 */

export type NameCase = "dative" | "genitive" | "instrumental";

export interface NameForms {
  dative: string;
  genitive: string;
  instrumental: string;
}

export type Gender = "male" | "female";

export interface DeclinedName {
  /** The library's best guess. */
  forms: NameForms;
  /** The gender the forms were made for; undefined when unknown. */
  gender?: Gender;
  sure: boolean;
  /** When not sure: the guesses to offer, one for each gender that reads differently (the best first). */
  variants: NameForms[];
}

/** What a person gave as their own forms (null: not given). */
export interface StoredNameForms {
  dative?: string | null;
  genitive?: string | null;
}

const CASES: readonly NameCase[] = ["dative", "genitive", "instrumental"];

interface NameParts {
  last: string;
  first?: string;
  middle?: string;
}

/** "Алиев Ильхам Гейдар оглы" → last, first, and the rest as the patronymic. */
function partsOf(fullName: string): NameParts | undefined {
  const [last, first, ...rest] = fullName.trim().split(/\s+/).filter(Boolean);
  if (!last) return undefined;
  return { last, ...(first ? { first } : {}), ...(rest.length > 0 ? { middle: rest.join(" ") } : {}) };
}

/** «П.», «С.», «П»: an initial, never declined. */
function isInitial(word: string): boolean {
  return /^\p{L}\.?$/u.test(word) || /^(\p{L}\.)+$/u.test(word);
}

const MALE_SURNAME = /\p{L}{2,}(ов|ев|ёв|ин|ын|ский|цкий)$/iu;
const FEMALE_SURNAME = /\p{L}{2,}(ова|ева|ёва|ина|ына|ская|цкая)$/iu;

function genderOf(parts: NameParts): Gender | undefined {
  // A Turkic patronymic says it outright: «Гейдар оглы», «Гейдар кызы».
  if (parts.middle && /(^|[\s-])(оглы|улы)$/iu.test(parts.middle)) return "male";
  if (parts.middle && /(^|[\s-])(кызы|гызы)$/iu.test(parts.middle)) return "female";
  const givenNames = [parts.first, parts.middle].filter((w): w is string => w !== undefined).flatMap((w) => w.split(/\s+/));
  if (givenNames.every(isInitial)) {
    // Initials only («Иванов П. С.»): only a surname of a plainly gendered type tells (not «Лев А. П.»).
    if (FEMALE_SURNAME.test(parts.last)) return "female";
    if (MALE_SURNAME.test(parts.last)) return "male";
    return undefined;
  }
  const found = getGender({ last: parts.last, first: parts.first ?? null, middle: parts.middle ?? null });
  if (found !== "male" && found !== "female") return undefined;
  // Only the surname said it (Лев Саша): trust a plainly gendered surname only.
  const said = saidByGivenNames(parts);
  if (said.length === 0 && !(found === "female" ? FEMALE_SURNAME : MALE_SURNAME).test(parts.last)) return undefined;
  return found;
}

/** The genders the first name and the patronymic point to (none for Саша, Женя, or initials). */
function saidByGivenNames(parts: NameParts): Gender[] {
  return [
    parts.first && !isInitial(parts.first) ? getFirstnameGender(parts.first) : null,
    parts.middle && !isInitial(parts.middle) ? getMiddlenameGender(parts.middle) : null,
  ].filter((g): g is Gender => g === "male" || g === "female");
}

/** The genders the given names allow (Лев Анна: a woman; Ким Саша: either), the likelier first. */
function possibleGenders(parts: NameParts): Gender[] {
  const said = saidByGivenNames(parts);
  const allowed = (["male", "female"] as const).filter((g) => !said.some((other) => other !== g));
  return allowed.length > 0 ? allowed : ["male", "female"];
}

function inflect(parts: NameParts, nameCase: NameCase, gender: Gender | undefined): string {
  const g = gender ?? null;
  const words = [inclineLastname(parts.last, nameCase, g)];
  if (parts.first) words.push(isInitial(parts.first) ? parts.first : inclineFirstname(parts.first, nameCase, g));
  if (parts.middle) words.push(parts.middle.split(/\s+/).every(isInitial) ? parts.middle : inclineMiddlename(parts.middle, nameCase, g));
  return words.join(" ");
}

function formsOf(parts: NameParts, gender: Gender | undefined): NameForms {
  return Object.fromEntries(CASES.map((c) => [c, inflect(parts, c, gender)])) as unknown as NameForms;
}

/** A man's surname that Russian declines (a final consonant, not -ых/-их) left unchanged by the library. */
function surnameLeftAsIs(parts: NameParts, gender: Gender): boolean {
  if (gender !== "male") return false;
  const last = parts.last.toLowerCase();
  if (!/[бвгджзйклмнпрстфхцчшщь]$/u.test(last) || /(ых|их)$/u.test(last)) return false;
  return inclineLastname(parts.last, "dative", gender) === parts.last;
}

function sameForms(a: NameForms, b: NameForms): boolean {
  return CASES.every((c) => a[c] === b[c]);
}

/** The full name in the dative, genitive and instrumental, and whether the library is sure of them. */
export function declineName(fullName: string): DeclinedName {
  const parts = partsOf(fullName);
  if (!parts) return { forms: { dative: "", genitive: "", instrumental: "" }, sure: false, variants: [] };
  // A name not written in Cyrillic («Smirnova Ekaterina») stays as written in a Russian sentence.
  if (!/\p{Script=Cyrillic}/u.test(fullName)) {
    const name = fullName.trim().replace(/\s+/g, " ");
    return { forms: { dative: name, genitive: name, instrumental: name }, sure: true, variants: [] };
  }
  const gender = genderOf(parts);
  if (gender === undefined) {
    const variants: NameForms[] = [];
    for (const g of possibleGenders(parts)) {
      const forms = formsOf(parts, g);
      if (!variants.some((v) => sameForms(v, forms))) variants.push(forms);
    }
    return { forms: variants[0]!, sure: false, variants };
  }
  const forms = formsOf(parts, gender);
  const sure = parts.first !== undefined && !surnameLeftAsIs(parts, gender);
  return { forms, gender, sure, variants: sure ? [] : [forms] };
}

/**
 * The name in the case a sentence needs: the person's own form when stored, else the library's when
 * it is sure; undefined when neither (write the sentence so that the name stays in the nominative).
 */
export function nameInCase(fullName: string, nameCase: NameCase, stored?: StoredNameForms): string | undefined {
  const own = nameCase === "dative" ? stored?.dative : nameCase === "genitive" ? stored?.genitive : undefined;
  if (own) return own;
  const declined = declineName(fullName);
  return declined.sure ? declined.forms[nameCase] : undefined;
}

/**
 * Checks a person's own forms as typed: «Кому» and «от кого», each with as many words as the name.
 * Undefined when they do not fit.
 */
export function readOwnForms(fullName: string, dative: string, genitive: string): { dative: string; genitive: string } | undefined {
  const count = (s: string) => s.trim().split(/\s+/).filter(Boolean).length;
  const words = count(fullName);
  const clean = (s: string) => s.trim().replace(/\s+/g, " ");
  if (count(dative) !== words || count(genitive) !== words) return undefined;
  if (![dative, genitive].every((s) => /^[\p{L}][\p{L}\s.'’-]*$/u.test(clean(s)))) return undefined;
  return { dative: clean(dative), genitive: clean(genitive) };
}
