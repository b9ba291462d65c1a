// Prisma CLI config for the PostgreSQL target (generate and migrate diff only: migrations are
// applied by the app's own migrator, see docs/decisions/001).
import path from "node:path";
import { PrismaPg } from "@prisma/adapter-pg";
import type { PrismaConfig } from "prisma";

const url = process.env.POSTGRES_URL ?? "postgresql://postgres@127.0.0.1:5432/postgres";
process.env.POSTGRES_URL = url;

export default {
  experimental: { adapter: true },
  engine: "js",
  schema: path.join("prisma", "postgres"),
  migrations: { path: path.join("prisma", "postgres", "migrations") },
  async adapter() {
    return new PrismaPg({ connectionString: url });
  },
} satisfies PrismaConfig;
