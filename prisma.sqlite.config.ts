// Prisma CLI config for the embedded SQLite target. `engine: "js"` keeps the CLI on the WASM
// schema engine shipped in the npm package: nothing is downloaded (see docs/decisions/001).
import path from "node:path";
import { PrismaBetterSQLite3 } from "@prisma/adapter-better-sqlite3";
import type { PrismaConfig } from "prisma";

const url = process.env.SQLITE_URL ?? "file:./data/klassruk.db";
process.env.SQLITE_URL = url;

export default {
  experimental: { adapter: true },
  engine: "js",
  schema: path.join("prisma", "sqlite"),
  migrations: { path: path.join("prisma", "sqlite", "migrations") },
  async adapter() {
    return new PrismaBetterSQLite3({ url });
  },
} satisfies PrismaConfig;
