import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Migrator } from "kysely";
import { afterEach, describe, expect, it } from "vitest";
import { migrateToLatest, openDatabase, type DatabaseHandle } from "../database.js";
import { initialMigration } from "./0001-initial.js";
import { adminAndRepliesMigration } from "./0002-admin-and-replies.js";
import { avatarsAndCallDetailsMigration } from "./0003-avatars-and-call-details.js";

describe("migration 0005 on a platform with open sessions", () => {
  let handle: DatabaseHandle | undefined;
  const dataDir = mkdtempSync(join(tmpdir(), "parlor-migration-"));
  afterEach(async () => {
    await handle?.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it("gives every session a public id of its own, so none is listed by its token's hash", async () => {
    handle = openDatabase({ dataDir });
    const before = {
      "0001-initial": initialMigration,
      "0002-admin-and-replies": adminAndRepliesMigration,
      "0003-avatars-and-call-details": avatarsAndCallDetailsMigration,
    };
    const { error } = await new Migrator({
      db: handle.db,
      provider: { getMigrations: () => Promise.resolve(before) },
    }).migrateToLatest();
    expect(error).toBeUndefined();
    const db = handle.db;
    await db
      .insertInto("users")
      .values({
        id: "u1",
        email: "a@example.com",
        password_hash: "x",
        role: "admin",
        created_at: 1,
      })
      .execute();
    const hashes = ["a".repeat(64), "b".repeat(64), "c".repeat(64)];
    for (const id of hashes)
      await db
        .insertInto("sessions")
        .values({ id, user_id: "u1", created_at: 1, expires_at: 2 } as never)
        .execute();

    await migrateToLatest(db);
    const sessions = await db.selectFrom("sessions").selectAll().execute();
    const publicIds = sessions.map((session) => session.public_id);
    expect(new Set(publicIds).size).toBe(3);
    for (const publicId of publicIds) {
      expect(publicId).toMatch(/^ses_[\w-]{16}$/);
      for (const hash of hashes) expect(publicId).not.toContain(hash.slice(0, 8));
    }
    expect(sessions.every((session) => session.last_seen_at === null)).toBe(true);
    const user = await db.selectFrom("users").selectAll().executeTakeFirstOrThrow();
    expect(user).toMatchObject({ display_name: null, avatar_version: null });
  });
});
