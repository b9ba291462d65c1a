import { defineCallback, int, oneOf } from "../../app/callback-data.js";
import { LANGUAGES } from "../../i18n.js";

/*
 * The /settings buttons: "set:<what>[:<value>…]". A press carries what it sets (a language, an
 * hour) and the handler checks it again (the hours against the school's working hours).
 */
export const SETTINGS_DATA = {
  name: defineCallback("set:name", {}),
  phone: defineCallback("set:phone", {}),
  languages: defineCallback("set:lang", {}),
  language: defineCallback("set:lang", { language: oneOf(...LANGUAGES) }),
  hours: defineCallback("set:hours", {}),
  hoursFrom: defineCallback("set:hs", { from: int(23) }),
  hoursTo: defineCallback("set:he", { from: int(23), to: int(24) }),
  schoolHours: defineCallback("set:hours:school", {}),
  mute: defineCallback("set:mute", {}),
  muteDates: defineCallback("set:mute:dates", {}),
  muteOff: defineCallback("set:mute:off", {}),
};
