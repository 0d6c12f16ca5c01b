import { mkdirSync } from "node:fs";
import { sqliteFilePath } from "../config/find-data-dir.js";
import SqliteDatabase from "better-sqlite3";
import {
  Kysely,
  Migrator,
  PostgresAdapter,
  PostgresDialect,
  SqliteDialect,
  sql,
  type MigrationProvider,
  type SqliteDatabase as SqliteDialectDatabase,
} from "kysely";
import pg from "pg";
import { initialMigration } from "./migrations/0001-initial.js";
import { adminAndRepliesMigration } from "./migrations/0002-admin-and-replies.js";
import { avatarsAndCallDetailsMigration } from "./migrations/0003-avatars-and-call-details.js";
import { oidcIdentitiesMigration } from "./migrations/0006-oidc-identities.js";
import { modelProvidersMigration } from "./migrations/0007-model-providers.js";
import { replyBotsMigration } from "./migrations/0009-reply-bots.js";
import { signupAndInvitesMigration } from "./migrations/0004-signup-and-invites.js";
import { accountProfileMigration } from "./migrations/0005-account-profile.js";
import { usageAndCostMigration } from "./migrations/0010-usage-and-cost.js";
import { promptBotsMigration } from "./migrations/0011-prompt-bots.js";
import type { Database } from "./schema.js";

/** The database the platform runs on. */
export interface DatabaseHandle {
  db: Kysely<Database>;
  dialect: "sqlite" | "postgres";
  close(): Promise<void>;
}

/** Where the data lives: PostgreSQL when a URL is given, else SQLite in the data folder. */
export interface DatabaseOptions {
  databaseUrl?: string | undefined;
  dataDir: string;
}

const INT8_OID = 20;

/**
 * Opens the database. SQLite runs in WAL mode with foreign keys on; PostgreSQL `bigint`
 * columns are read back as numbers (all our bigints are millisecond times and sizes).
 */
export function openDatabase(options: DatabaseOptions): DatabaseHandle {
  if (options.databaseUrl) {
    const pool = new pg.Pool({
      connectionString: options.databaseUrl,
      types: {
        getTypeParser: ((oid: number, format?: "text" | "binary"): unknown =>
          oid === INT8_OID
            ? Number
            : (pg.types.getTypeParser(oid, format) as unknown)) as typeof pg.types.getTypeParser,
      },
    });
    const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
    return { db, dialect: "postgres", close: () => db.destroy() };
  }
  mkdirSync(options.dataDir, { recursive: true });
  const sqlite = new SqliteDatabase(sqliteFilePath(options.dataDir));
  sqlite.pragma("journal_mode = WAL");
  sqlite.pragma("synchronous = NORMAL");
  sqlite.pragma("foreign_keys = ON");
  sqlite.pragma("busy_timeout = 5000");
  const db = new Kysely<Database>({
    dialect: new SqliteDialect({ database: withStatementCache(sqlite) }),
  });
  return { db, dialect: "sqlite", close: () => db.destroy() };
}

/** Prepared statements kept per connection; our queries have a few dozen distinct shapes. */
const STATEMENT_CACHE_SIZE = 256;

/**
 * Kysely prepares every statement anew on SQLite, and preparing costs more than running a small
 * query. Statements are reusable, and Kysely runs one query at a time per connection, so a cache
 * keyed by SQL text is safe.
 */
function withStatementCache(sqlite: SqliteDatabase.Database): SqliteDialectDatabase {
  const statements = new Map<string, SqliteDatabase.Statement>();
  return {
    close: () => sqlite.close(),
    prepare(sql: string) {
      let statement = statements.get(sql);
      if (!statement) {
        // Shapes that vary (e.g. multi-row inserts) must not grow the cache without bound.
        if (statements.size >= STATEMENT_CACHE_SIZE) statements.clear();
        statement = sqlite.prepare(sql);
        statements.set(sql, statement);
      }
      return statement;
    },
  };
}

/** Every migration by name; they run in name order, one entry a line. */
const migrations: MigrationProvider = {
  getMigrations: async () => ({
    "0001-initial": initialMigration,
    "0002-admin-and-replies": adminAndRepliesMigration,
    "0003-avatars-and-call-details": avatarsAndCallDetailsMigration,
    "0006-oidc-identities": oidcIdentitiesMigration,
    "0004-signup-and-invites": signupAndInvitesMigration,
    "0005-account-profile": accountProfileMigration,
    "0007-model-providers": modelProvidersMigration,
    "0009-reply-bots": replyBotsMigration,
    "0010-usage-and-cost": usageAndCostMigration,
    "0011-prompt-bots": promptBotsMigration,
  }),
};

/** Whether `db` runs on PostgreSQL (for the few statements SQLite has no need of, or no form for). */
export function isPostgres(db: Kysely<Database>): boolean {
  return db.getExecutor().adapter instanceof PostgresAdapter;
}

/**
 * The schema PostgreSQL creates tables in (the first of `search_path`), undefined on SQLite.
 * Kysely's migrator otherwise takes a migration table in *any* schema of the database (another
 * app's, or another Parlor's) for its own, and then fails to find it in ours.
 */
async function postgresSchema(db: Kysely<Database>): Promise<string | undefined> {
  if (!isPostgres(db)) return undefined;
  const { rows } = await sql<{ schema: string }>`select current_schema() as schema`.execute(db);
  return rows[0]?.schema;
}

async function migratorFor(db: Kysely<Database>): Promise<Migrator> {
  return new Migrator({ db, provider: migrations, migrationTableSchema: await postgresSchema(db) });
}

/** What a migration run did: the migrations it applied now, and the schema version after it. */
export interface MigrationReport {
  applied: string[];
  /** The name of the last migration the schema has; what `/healthz` reports. */
  version: string;
}

/**
 * Brings the schema up to date. Kysely's migrator holds a lock while it runs (an advisory lock
 * on PostgreSQL), so several instances starting together migrate once.
 */
export async function migrateToLatest(db: Kysely<Database>): Promise<MigrationReport> {
  const migrator = await migratorFor(db);
  const { error, results } = await migrator.migrateToLatest();
  const failed = results?.find((result) => result.status === "Error");
  if (error || failed) {
    const reason =
      error instanceof Error
        ? error.message
        : `migration ${failed?.migrationName ?? "unknown"} failed`;
    throw new Error(`Database migration failed: ${reason}`, { cause: error });
  }
  const applied = (results ?? []).map((result) => result.migrationName);
  const known = await migrator.getMigrations();
  const version = known.filter((migration) => migration.executedAt).at(-1)?.name ?? "none";
  return { applied, version };
}
