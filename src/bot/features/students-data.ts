import { defineCallback, int } from "../../app/callback-data.js";

/*
 * The /students buttons: «Добавить ученика» ("stu:add") and, in that dialogue, the class
 * ("stu:c:<class id>"). The class is checked by addStudent: the actor's own, in their school.
 */
export const STUDENTS_DATA = {
  add: defineCallback("stu:add", {}),
  chooseClass: defineCallback("stu:c", { classId: int() }),
};
