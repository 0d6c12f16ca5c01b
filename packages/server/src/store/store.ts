import type { Kysely } from "kysely";
import { deleteAccountRows, type AccountDeletion } from "./account-deletion.js";
import { createApiKeysStore } from "./api-keys-store.js";
import { createBotAvatarsStore } from "./bot-avatars-store.js";
import { createBotCallDetailsStore } from "./bot-call-details-store.js";
import { createBotCallsStore } from "./bot-calls-store.js";
import { createBotsStore } from "./bots-store.js";
import { createConversationsStore } from "./conversations-store.js";
import { createCostRequestsStore } from "./cost-requests-store.js";
import { createCredentialsStore } from "./credentials-store.js";
import { createFilesStore } from "./files-store.js";
import { createIdentitiesStore } from "./identities-store.js";
import { createInvitesStore } from "./invites-store.js";
import { createMessagesStore } from "./messages-store.js";
import { createModelProvidersStore } from "./model-providers-store.js";
import { createOidcAttemptsStore } from "./oidc-attempts-store.js";
import type { Database } from "./schema.js";
import { createSessionsStore } from "./sessions-store.js";
import { createSettingsStore } from "./settings-store.js";
import { createUserAvatarsStore } from "./user-avatars-store.js";
import { createUsersStore } from "./users-store.js";
import { createUsageStore } from "./usage-store.js";

/** Every query the platform makes, grouped by table; one implementation for both dialects. */
export function createStore(db: Kysely<Database>) {
  const sessions = createSessionsStore(db);
  const apiKeys = createApiKeysStore(db);
  // Sessions and keys remember their user's role and standing: a change must end that at once.
  const users = createUsersStore(db, () => {
    sessions.forgetCached();
    apiKeys.forgetCached();
  });
  const bots = createBotsStore(db);
  return {
    db,
    users,
    sessions,
    apiKeys,
    bots,
    conversations: createConversationsStore(db),
    messages: createMessagesStore(db),
    botCalls: createBotCallsStore(db),
    botCallDetails: createBotCallDetailsStore(db),
    botAvatars: createBotAvatarsStore(db),
    files: createFilesStore(db),
    costRequests: createCostRequestsStore(db),
    identities: createIdentitiesStore(db),
    oidcAttempts: createOidcAttemptsStore(db),
    settings: createSettingsStore(db),
    invites: createInvitesStore(db),
    userAvatars: createUserAvatarsStore(db),
    modelProviders: createModelProvidersStore(db),
    usage: createUsageStore(db),
    credentials: createCredentialsStore(db, () => sessions.forgetCached()),
    /** Deletes an account and all of it (see `deleteAccountRows`); nothing of it stays cached. */
    async deleteAccount(userId: string): Promise<AccountDeletion> {
      const result = await deleteAccountRows(db, userId);
      sessions.forgetCached();
      apiKeys.forgetCached();
      bots.forgetCached();
      return result;
    },
  };
}

/** The platform's store. */
export type Store = ReturnType<typeof createStore>;
