import type { SubjectLabel } from "./notification.js";

/**
 * A push starts with the task, not the child: a student is named at most by surname, initial
 * and class ("Иванов П., 7Б"), and by the class alone where the school hides names in pushes.
 */
export function subjectLabel(studentFullName: string | undefined, classLabel: string | undefined, hideNames: boolean): SubjectLabel {
  const label: SubjectLabel = {};
  if (studentFullName && !hideNames) {
    const [surname, given] = studentFullName.trim().split(/\s+/);
    label.name = given ? `${surname} ${given[0]!.toUpperCase()}.` : surname!;
  }
  if (classLabel) label.classLabel = classLabel;
  return label;
}
