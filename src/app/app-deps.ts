import type { Db } from "../db/open-database.js";
import type { ProductionYear } from "../domain/calendar/production-calendar.js";
import type { RegulationCatalog } from "../domain/regulation/catalog.js";
import type { I18n } from "../i18n.js";
import type { Logger } from "../logger.js";

/**
 * What the use cases, together, are built with (a superset of each one's deps), made once by the
 * composition root. The bot and the jobs pass it on; only the app and its repositories look at `db`.
 */
export interface AppDeps {
  db: Db;
  logger: Logger;
  i18n: I18n;
  regulations: RegulationCatalog;
  /** Built-in production calendar; years uploaded to the database replace the same years. */
  productionYears: ProductionYear[];
  adminIds: readonly number[];
  defaultTimezone: string;
  /** The clock: real in production, simulated in tests and the demo. */
  now: () => Date;
}
