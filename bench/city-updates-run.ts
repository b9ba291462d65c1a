/**
 * One benchmark process: `node <npm start's flags> --import tsx bench/city-updates-run.ts <scale>
 * <provider>` sends the city updates bench's updates through the bot (city-updates.bench.ts) and
 * prints its rows as one JSON line.
 */
import type { Provider } from "../src/db/database-url.js";
import { measureCityUpdates } from "./city-updates.bench.js";
import type { ScaleName } from "./support/city-data.js";

const [scale, provider] = process.argv.slice(2) as [ScaleName, Provider];
const rows = await measureCityUpdates(scale, provider);
console.log(JSON.stringify(rows));
// The harness's bot and the pool's timers would keep the process alive.
process.exit(0);
