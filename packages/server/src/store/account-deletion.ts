import type { Kysely, Transaction } from "kysely";
import { lockUsers } from "./lock-users.js";
import type { Database } from "./schema.js";
import { SYSTEM_USER_ID } from "./users-store.js";

/** The result of {@link deleteAccountRows}. */
export type AccountDeletion =
  /** The rows are gone; the files with these storage keys are for the caller to remove. */
  | { deleted: { storageKeys: string[] } }
  /** The account is the last enabled admin: the platform would have nobody to run it. */
  | { refused: "last_admin" }
  | { refused: "not_found" };

/**
 * Deletes an account and everything of it, in one transaction: its bots (with their avatars,
 * call log, cost requests and every conversation with them, whoever's), its conversations and
 * their messages, its files' records, API keys, sessions and avatar, and what the call log and
 * cost requests kept of its messages on other people's bots. Children go first and explicitly,
 * so nothing depends on foreign-key cascades being on. Refused for the last enabled admin,
 * decided under a table lock so two admins deleting themselves cannot both succeed.
 */
export function deleteAccountRows(db: Kysely<Database>, userId: string): Promise<AccountDeletion> {
  return db.transaction().execute(async (transaction): Promise<AccountDeletion> => {
    await lockUsers(transaction);
    const user = await transaction
      .selectFrom("users")
      .select(["role", "disabled_at"])
      .where("id", "=", userId)
      .where("id", "!=", SYSTEM_USER_ID)
      .executeTakeFirst();
    if (!user) return { refused: "not_found" };
    if (user.role === "admin" && user.disabled_at === null) {
      const { n } = await transaction
        .selectFrom("users")
        .select((eb) => eb.fn.countAll<number>().as("n"))
        .where("role", "=", "admin")
        .where("disabled_at", "is", null)
        .where("id", "!=", userId)
        .executeTakeFirstOrThrow();
      if (Number(n) === 0) return { refused: "last_admin" };
    }
    const files = await transaction
      .selectFrom("files")
      .select("storage_key")
      .where("owner_id", "=", userId)
      .execute();
    await deleteRowsOf(transaction, userId);
    return { deleted: { storageKeys: files.map((file) => file.storage_key) } };
  });
}

async function deleteRowsOf(transaction: Transaction<Database>, userId: string): Promise<void> {
  const bots = () => transaction.selectFrom("bots").select("id").where("owner_id", "=", userId);
  const conversations = () =>
    transaction
      .selectFrom("conversations")
      .select("id")
      .where((eb) => eb.or([eb("user_id", "=", userId), eb("bot_id", "in", bots())]));
  const messages = () =>
    transaction.selectFrom("messages").select("id").where("conversation_id", "in", conversations());
  const calls = () =>
    transaction
      .selectFrom("bot_calls")
      .select("id")
      .where((eb) =>
        eb.or([
          eb("user_id", "=", userId),
          eb("bot_id", "in", bots()),
          eb("message_id", "in", messages()),
        ]),
      );
  await transaction.deleteFrom("bot_call_details").where("call_id", "in", calls()).execute();
  await transaction.deleteFrom("bot_calls").where("id", "in", calls()).execute();
  await transaction
    .deleteFrom("cost_requests")
    .where((eb) => eb.or([eb("bot_id", "in", bots()), eb("message_id", "in", messages())]))
    .execute();
  await transaction.deleteFrom("messages").where("id", "in", messages()).execute();
  await transaction
    .deleteFrom("usage_daily")
    .where((eb) => eb.or([eb("user_id", "=", userId), eb("bot_id", "in", bots())]))
    .execute();
  await transaction.deleteFrom("conversations").where("id", "in", conversations()).execute();
  await transaction.deleteFrom("bot_avatars").where("bot_id", "in", bots()).execute();
  await transaction.deleteFrom("bots").where("owner_id", "=", userId).execute();
  await transaction.deleteFrom("files").where("owner_id", "=", userId).execute();
  await transaction.deleteFrom("api_keys").where("user_id", "=", userId).execute();
  await transaction.deleteFrom("sessions").where("user_id", "=", userId).execute();
  await transaction.deleteFrom("user_avatars").where("user_id", "=", userId).execute();
  // Its single sign-on link (the person may come back as a new account) and the invites it made.
  await transaction.deleteFrom("oidc_identities").where("user_id", "=", userId).execute();
  await transaction.deleteFrom("invites").where("created_by", "=", userId).execute();
  await transaction.deleteFrom("users").where("id", "=", userId).execute();
}

/** The replies still streaming in conversations that deleting the account removes. */
export async function runningRepliesOf(db: Kysely<Database>, userId: string): Promise<string[]> {
  const rows = await db
    .selectFrom("messages")
    .innerJoin("conversations", "conversations.id", "messages.conversation_id")
    .innerJoin("bots", "bots.id", "conversations.bot_id")
    .select("messages.id")
    .where("messages.status", "=", "streaming")
    .where((eb) =>
      eb.or([eb("conversations.user_id", "=", userId), eb("bots.owner_id", "=", userId)]),
    )
    .execute();
  return rows.map((row) => row.id);
}
