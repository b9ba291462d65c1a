/** With whom a teacher works on a learning difficulty (section II). */
export const MEASURE_PARTNERS = ["subjectTeacher", "parents", "specialist"] as const;
export type MeasurePartner = (typeof MEASURE_PARTNERS)[number];
