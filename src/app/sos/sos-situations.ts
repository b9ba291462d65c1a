/** The regulation's list of emergencies (order № 257, section I), in its order. */
export const SOS_SITUATIONS = ["incident", "injury", "graveHarm", "suicideRisk", "massBreach"] as const;
export type SosSituation = (typeof SOS_SITUATIONS)[number];

export function isSosSituation(value: string): value is SosSituation {
  return (SOS_SITUATIONS as readonly string[]).includes(value);
}

/** The longest «what happened» line kept. */
export const SOS_TEXT_MAX = 500;
/** Rounds after which an alert nobody took stops being repeated (three hours at five minutes). */
export const SOS_MAX_ROUNDS = 36;
export const DEFAULT_SOS_REALERT_MINUTES = 5;
