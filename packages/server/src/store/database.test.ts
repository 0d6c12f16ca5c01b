import pg from "pg";
import { describe, expect, it } from "vitest";
import { createTestDatabase } from "../testing/test-databases.js";

const postgresUrl = process.env.TEST_POSTGRES_URL;

describe.skipIf(!postgresUrl)("migrating on PostgreSQL", () => {
  it("migrates its own schema while another schema of the database has Kysely's tables", async () => {
    const other = `other_app_${Date.now().toString(36)}`;
    const admin = new pg.Client({ connectionString: postgresUrl });
    await admin.connect();
    try {
      // Another app (or another Parlor) in the same database, migrated by Kysely too.
      await admin.query(`create schema ${other}`);
      await admin.query(`create table ${other}.kysely_migration (name text primary key)`);
      await admin.query(`create table ${other}.kysely_migration_lock (id text primary key)`);

      const database = await createTestDatabase("postgres");
      try {
        const users = await database.handle.db.selectFrom("users").selectAll().execute();
        expect(users).toEqual([]);
      } finally {
        await database.dispose();
      }
    } finally {
      await admin.query(`drop schema ${other} cascade`);
      await admin.end();
    }
  });
});
