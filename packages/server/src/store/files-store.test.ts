import { afterEach, describe, expect, it } from "vitest";
import { createTestDatabase, TEST_DIALECTS, type TestDatabase } from "../testing/test-databases.js";
import { createStore } from "./store.js";

describe.each(TEST_DIALECTS)("files store on %s", (dialect) => {
  let database: TestDatabase | undefined;
  afterEach(async () => {
    await database?.dispose();
    database = undefined;
  });

  it("keeps an upload's record, with sizes past 2 GiB as numbers", async () => {
    database = await createTestDatabase(dialect);
    const store = createStore(database.handle.db);
    const file = {
      id: "f1",
      owner_id: "u1",
      name: "notes.txt",
      content_type: "text/plain",
      size: 5 * 1024 ** 3,
      storage_key: "f1/notes.txt",
      created_at: Date.now(),
    };
    await store.files.insert(file);
    expect(await store.files.findById("f1")).toEqual(file);
    expect(await store.files.findById("f2")).toBeUndefined();
  });
});
