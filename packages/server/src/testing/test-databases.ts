import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import pg from "pg";
import { migrateToLatest, openDatabase, type DatabaseHandle } from "../store/database.js";

/** A fresh, migrated database for one test, and how to throw it away. */
export interface TestDatabase {
  handle: DatabaseHandle;
  /** What to pass as DATABASE_URL / PARLOR_DATA_DIR to reach the same data again. */
  databaseUrl: string | undefined;
  dataDir: string;
  dispose(): Promise<void>;
}

/** The dialects to run store suites on: SQLite always, PostgreSQL when TEST_POSTGRES_URL is set. */
export const TEST_DIALECTS: ("sqlite" | "postgres")[] = process.env.TEST_POSTGRES_URL
  ? ["sqlite", "postgres"]
  : ["sqlite"];

if (!process.env.TEST_POSTGRES_URL) {
  console.warn("TEST_POSTGRES_URL is not set: PostgreSQL suites are skipped (SQLite only)");
}

/** Creates an empty migrated database: a temp SQLite file, or a fresh PostgreSQL schema. */
export async function createTestDatabase(dialect: "sqlite" | "postgres"): Promise<TestDatabase> {
  const dataDir = mkdtempSync(join(tmpdir(), "parlor-test-"));
  let databaseUrl: string | undefined;
  let dropSchema = async () => {};
  if (dialect === "postgres") {
    const base = process.env.TEST_POSTGRES_URL!;
    const schema = `test_${Date.now().toString(36)}_${Math.random().toString(36).slice(2, 8)}`;
    const admin = new pg.Client({ connectionString: base });
    await admin.connect();
    await admin.query(`create schema ${schema}`);
    await admin.end();
    const url = new URL(base);
    url.searchParams.set("options", `-c search_path=${schema}`);
    databaseUrl = url.toString();
    dropSchema = async () => {
      const client = new pg.Client({ connectionString: base });
      await client.connect();
      await client.query(`drop schema ${schema} cascade`);
      await client.end();
    };
  }
  const handle = openDatabase({ databaseUrl, dataDir });
  try {
    await migrateToLatest(handle.db);
  } catch (error) {
    // A schema left behind would outlive the test run in the shared database.
    await handle.close();
    await dropSchema();
    throw error;
  }
  return {
    handle,
    databaseUrl,
    dataDir,
    async dispose() {
      await handle.close();
      await dropSchema();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
