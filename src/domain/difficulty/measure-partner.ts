/** With whom a teacher works on a learning difficulty (section II). */
export const MEASURE_PARTNERS = ["subjectTeacher", "parents", "student", "specialist"] as const;
export type MeasurePartner = (typeof MEASURE_PARTNERS)[number];

/*
 * The forms a measure takes depend on whom it was with (section II.1 names the teacher's tools —
 * the journal, lesson visits, observation; II.3 and the absence regulation the ways to reach the
 * family). Labels live in locales under `forms.<id>`, beside the regulation steps' forms.
 */
export const MEASURE_FORMS_BY_PARTNER = {
  parents: ["personalMeeting", "phone", "eJournalMessage", "letter", "homeVisit", "messenger"],
  subjectTeacher: ["conversation", "lessonVisits", "eJournal", "corporateEmail"],
  student: ["conversation", "observation", "lessonVisits", "eJournal"],
  specialist: ["consultation", "conversation", "jointSession", "corporateEmail"],
} as const satisfies Record<MeasurePartner, readonly string[]>;

export type MeasureForm = (typeof MEASURE_FORMS_BY_PARTNER)[MeasurePartner][number];

/** The forms a measure with `partner` may take, in the order the dialogue offers them. */
export function measureFormsOf(partner: MeasurePartner): readonly MeasureForm[] {
  return MEASURE_FORMS_BY_PARTNER[partner];
}

export function isMeasureFormOf(partner: MeasurePartner, form: string): form is MeasureForm {
  return (measureFormsOf(partner) as readonly string[]).includes(form);
}
