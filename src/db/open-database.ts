import type { PrismaClient as SqliteClient } from "../generated/sqlite/client.js";
import { migrateDatabase, type MigrationReport } from "./migrate.js";
import { providerOf, sqlitePath, type Provider } from "./database-url.js";
import { attachRawReader, type RawReader } from "./raw-sql.js";

/**
 * The app is typed against the SQLite client; the PostgreSQL client is generated from the same
 * models, so the one cast below is safe (see docs/decisions/002-one-model-two-providers.md).
 */
export type Db = SqliteClient;

export interface Database {
  prisma: Db;
  provider: Provider;
  migration: MigrationReport;
  close(): Promise<void>;
}

export interface OpenDatabaseOptions {
  url: string;
  poolSize?: number;
  /** Apply pending migrations first (default true). */
  migrate?: boolean;
}

export async function openDatabase({ url, poolSize = 10, migrate = true }: OpenDatabaseOptions): Promise<Database> {
  const migration = migrate ? await migrateDatabase(url) : { applied: [], alreadyApplied: 0 };
  const provider = providerOf(url);
  let prisma: Db;
  let reader: RawReader;
  // Only the URL's provider is loaded: its driver, adapter, generated client and reader (decision 024).
  if (provider === "sqlite") {
    const [{ PrismaBetterSQLite3 }, { PrismaClient: SqliteClient }, { createSqliteReader }] = await Promise.all([
      import("@prisma/adapter-better-sqlite3"),
      import("../generated/sqlite/client.js"),
      import("./raw-sql-sqlite.js"),
    ]);
    prisma = new SqliteClient({ adapter: new PrismaBetterSQLite3({ url: sqlitePath(url), timeout: 5000 }) });
    // WAL is a property of the file (set by the migrator); synchronous is per connection.
    await prisma.$executeRawUnsafe("PRAGMA synchronous = NORMAL");
    reader = createSqliteReader(sqlitePath(url));
  } else {
    const [{ default: pg }, { PrismaPg }, { PrismaClient: PostgresClient }, { createPostgresReader }] = await Promise.all([
      import("pg"),
      import("@prisma/adapter-pg"),
      import("../generated/postgres/client.js"),
      import("./raw-sql-postgres.js"),
    ]);
    // One pool for Prisma's adapter and the raw reader; the adapter ends it on disconnect.
    const pool = new pg.Pool({ connectionString: url, max: poolSize });
    prisma = new PostgresClient({ adapter: new PrismaPg(pool, { disposeExternalPool: true }) }) as unknown as Db;
    reader = createPostgresReader(pool);
  }
  attachRawReader(prisma, reader);
  return {
    prisma,
    provider,
    migration,
    close: async () => {
      reader.close();
      await prisma.$disconnect();
    },
  };
}
