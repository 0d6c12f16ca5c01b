import pg from "pg";
import { describe, expect, it } from "vitest";
import { migrateToLatest, openDatabase } from "./database.js";

const postgresUrl = process.env.TEST_POSTGRES_URL;

describe.skipIf(!postgresUrl)("instances starting together on one PostgreSQL database", () => {
  it("migrate it once: one applies every migration, the others find nothing left to do", async () => {
    const schema = `migrate_race_${Date.now().toString(36)}`;
    const admin = new pg.Client({ connectionString: postgresUrl });
    await admin.connect();
    await admin.query(`create schema ${schema}`);
    const url = new URL(postgresUrl!);
    url.searchParams.set("options", `-c search_path=${schema}`);
    // Three instances, each with its own connection pool, as three processes would have.
    const instances = [1, 2, 3].map(() =>
      openDatabase({ databaseUrl: url.toString(), dataDir: "/nonexistent" }),
    );
    try {
      const reports = await Promise.all(instances.map((instance) => migrateToLatest(instance.db)));
      const applied = reports.flatMap((report) => report.applied);
      const { rows } = await admin.query<{ name: string }>(
        `select name from ${schema}.kysely_migration order by name`,
      );
      // Each migration ran exactly once, whichever instance ran it.
      expect(applied.sort()).toEqual(rows.map((row) => row.name));
      expect(new Set(applied).size).toBe(applied.length);
      // And every instance agrees on the version it now runs against.
      const versions = new Set(reports.map((report) => report.version));
      expect([...versions]).toEqual([rows.at(-1)!.name]);
    } finally {
      await Promise.all(instances.map((instance) => instance.close()));
      await admin.query(`drop schema ${schema} cascade`);
      await admin.end();
    }
  });
});
