import { afterEach } from "vitest";
import { createStore, type Store } from "../store/store.js";
import { createTestDatabase, type TestDatabase } from "./test-databases.js";

/**
 * Call inside a `describe`: returns a function that gives a test a fresh, migrated store on
 * `dialect`; every database it made is thrown away after each test.
 */
export function freshStores(dialect: "sqlite" | "postgres"): () => Promise<Store> {
  const databases: TestDatabase[] = [];
  afterEach(async () => {
    await Promise.all(databases.splice(0).map((database) => database.dispose()));
  });
  return async () => {
    const database = await createTestDatabase(dialect);
    databases.push(database);
    return createStore(database.handle.db);
  };
}
