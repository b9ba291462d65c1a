import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { startBotApiStandIn, textUpdate } from "./support/bot-api-stand-in.js";
import { COMPILED_ENTRY, spawnApp } from "./support/app-process.js";

/*
 * CI's check of the build: `node dist/main.js` started from a directory that is not the project's
 * (every data file must be found from the code's own location), on a fresh SQLite file (the
 * migrations run), against the local Bot API stand-in. It must reach getUpdates, answer /start
 * from the locales, and stop cleanly on SIGTERM. Exits non-zero with the app's output otherwise.
 */

const ADMIN = { id: 91, first_name: "Админ" };

if (!fs.existsSync(COMPILED_ENTRY)) {
  console.error(`${path.relative(process.cwd(), COMPILED_ENTRY)} is missing: run \`npm run build\` first`);
  process.exit(1);
}

const api = await startBotApiStandIn();
const cwd = fs.mkdtempSync(path.join(os.tmpdir(), "klassruk-smoke-"));
const app = spawnApp({
  variant: "compiled",
  apiRoot: api.root,
  databaseUrl: `file:${path.join(cwd, "smoke.db")}`,
  cwd,
  env: { ADMIN_IDS: String(ADMIN.id), LOG_LEVEL: "info" },
});
let failure: unknown;
try {
  const firstPoll = await Promise.race([api.waitForGetUpdates(15_000), app.exited]);
  api.push(textUpdate(ADMIN, "/start"));
  await Promise.race([api.waitForReplies(1, 10_000), app.exited]);
  const greeting = api.replies[0]!;
  if (!/^Здравствуйте, Админ!/.test(greeting.text ?? "")) throw new Error(`unexpected answer to /start: ${JSON.stringify(greeting)}`);
  const code = await app.stop();
  if (code !== 0) throw new Error(`stopped with exit code ${code}`);
  console.log(
    `node dist/main.js from ${cwd}: first getUpdates after ${(firstPoll - app.spawnedAt).toFixed(0)} ms, answered /start, stopped cleanly`,
  );
} catch (error) {
  failure = error;
} finally {
  await app.stop();
  await api.close();
  fs.rmSync(cwd, { recursive: true, force: true });
}
if (failure) {
  console.error(`smoke start failed: ${failure instanceof Error ? failure.message : String(failure)}\n--- app output ---\n${app.output()}`);
  process.exit(1);
}
