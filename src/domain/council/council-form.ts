/** The forms a council about a student may take (section IV.2). */
export const COUNCIL_FORMS = ["smallCouncil", "consilium", "preventionBoard"] as const;
export type CouncilForm = (typeof COUNCIL_FORMS)[number];

export function isCouncilForm(value: unknown): value is CouncilForm {
  return typeof value === "string" && (COUNCIL_FORMS as readonly string[]).includes(value);
}
