import { describe, expect, it } from "vitest";
import { freshStores } from "../testing/fresh-stores.js";
import { TEST_DIALECTS } from "../testing/test-databases.js";

describe.each(TEST_DIALECTS)("files store on %s", (dialect) => {
  const freshStore = freshStores(dialect);

  it("keeps an upload's record, with sizes past 2 GiB as numbers", async () => {
    const store = await freshStore();
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
