import { z } from "zod";
import { CliError } from "../cli-error.js";
import type { ApiClient } from "./api-client.js";
import { apiFailure } from "./api-failure.js";
import {
  adminUserSchema,
  apiKeySchema,
  botsPageSchema,
  createdKeySchema,
  inviteSchema,
  meSchema,
  settingsSchema,
  usersPageSchema,
  type AdminBot,
  type AdminUser,
  type ApiKey,
  type Invite,
  type Settings,
} from "./admin-schemas.js";

/** The largest page the admin lists give. */
const PAGE_LIMIT = 100;

const okSchema = z.object({ ok: z.literal(true) });
const userAnswerSchema = z.object({ user: adminUserSchema });
const keysSchema = z.object({ keys: z.array(apiKeySchema) });

/** What the admin commands can do; see {@link createAdminClient}. */
export type AdminClient = ReturnType<typeof createAdminClient>;

/**
 * What the admin commands do, as typed calls of the platform's HTTP API over an
 * {@link ApiClient}: the same calls whether the platform is remote or in-process.
 */
export function createAdminClient(api: ApiClient) {
  /** One call; an error answer becomes a CliError, a success is checked against `schema`. */
  async function call<Schema extends z.ZodType>(
    schema: Schema,
    method: string,
    path: string,
    options: { body?: unknown; notFound?: string } = {},
  ): Promise<z.infer<Schema>> {
    const response = await api.request(method, path, options.body);
    if (response.status >= 400) {
      throw apiFailure(response, {
        method,
        path,
        target: api.target,
        remote: api.remote,
        notFound: options.notFound,
      });
    }
    const parsed = schema.safeParse(response.body);
    if (!parsed.success) {
      throw new CliError(
        `The platform at ${api.target} answered ${method} ${path} in a form this CLI does not know; update the CLI or the platform`,
      );
    }
    return parsed.data;
  }

  /** Every row of a paged admin list, following `next_cursor`. */
  async function everyPage<Row>(
    read: (query: string) => Promise<{ rows: Row[]; next: string | null }>,
    search: string | undefined,
  ): Promise<Row[]> {
    const rows: Row[] = [];
    let cursor: string | null = null;
    do {
      const query = new URLSearchParams({ limit: String(PAGE_LIMIT) });
      if (search) query.set("q", search);
      if (cursor) query.set("cursor", cursor);
      const page = await read(query.toString());
      rows.push(...page.rows);
      cursor = page.next;
    } while (cursor);
    return rows;
  }

  const userPath = (user: AdminUser) => `/api/admin/users/${encodeURIComponent(user.id)}`;
  const noSuchUser = (user: AdminUser) => `No such user: ${user.email}`;

  const client = {
    /** What is managed, for messages: a URL or a data folder. */
    target: api.target,

    /** Who the requests act as. */
    async me() {
      return (await call(meSchema, "GET", "/api/auth/me")).user;
    },

    /** Refuses to go on unless the requests act as an admin. */
    async requireAdmin(): Promise<void> {
      const me = await client.me();
      if (me.role !== "admin")
        throw new CliError(`The API key is not an admin's: it belongs to ${me.email}`);
    },

    /** Every account, newest first; `search` keeps those whose email contains it. */
    listUsers(search?: string): Promise<AdminUser[]> {
      return everyPage(async (query) => {
        const page = await call(usersPageSchema, "GET", `/api/admin/users?${query}`);
        return { rows: page.users, next: page.next_cursor };
      }, search);
    },

    /** The account with exactly this email (case-insensitive). */
    async findUser(email: string): Promise<AdminUser> {
      const wanted = email.trim().toLowerCase();
      const user = (await client.listUsers(wanted)).find((row) => row.email === wanted);
      if (!user) throw new CliError(`No such user: ${wanted}`);
      return user;
    },

    /** Disables, enables or approves an account, or changes its role. */
    async updateUser(
      user: AdminUser,
      changes: { disabled?: boolean; role?: "admin" | "user"; approved?: boolean },
    ): Promise<AdminUser> {
      const answer = await call(userAnswerSchema, "PATCH", userPath(user), {
        body: changes,
        notFound: noSuchUser(user),
      });
      return answer.user;
    },

    /** Deletes an account with its conversations, keys and bots. */
    async deleteUser(user: AdminUser): Promise<void> {
      await call(okSchema, "DELETE", userPath(user), { notFound: noSuchUser(user) });
    },

    /** Sets a new password; the platform ends the account's sessions. */
    async resetPassword(user: AdminUser, password: string): Promise<void> {
      await call(okSchema, "POST", `${userPath(user)}/password`, {
        body: { password },
        notFound: noSuchUser(user),
      });
    },

    /** The acting user's API keys, newest first, without the one this run signs with. */
    async listKeys(): Promise<ApiKey[]> {
      const { keys } = await call(keysSchema, "GET", "/api/keys");
      return keys.filter((key) => key.id !== api.runKeyId);
    },

    /** A new key for the acting user; its secret is in the answer only. */
    createKey(name: string) {
      return call(createdKeySchema, "POST", "/api/keys", { body: { name } });
    },

    /** Revokes one of the acting user's keys. */
    async revokeKey(id: string): Promise<void> {
      await call(okSchema, "DELETE", `/api/keys/${encodeURIComponent(id)}`, {
        notFound: `No active API key with the id ${id}`,
      });
    },

    /** Every bot with its owner, newest first; `search` matches handles and names. */
    listBots(search?: string): Promise<AdminBot[]> {
      return everyPage(async (query) => {
        const page = await call(botsPageSchema, "GET", `/api/admin/bots?${query}`);
        return { rows: page.bots, next: page.next_cursor };
      }, search);
    },

    /** Deletes a bot, whoever owns it, with its call log. */
    async deleteBot(handle: string): Promise<void> {
      await call(okSchema, "DELETE", `/api/bots/${encodeURIComponent(handle)}`, {
        notFound: `No such bot: ${handle}`,
      });
    },

    /** The settings an admin may change, and where each comes from. */
    async settings(): Promise<Settings> {
      return (await call(settingsSchema, "GET", "/api/admin/settings")).settings;
    },

    /** Changes who may create an account. */
    async setSignupPolicy(policy: Settings["signup_policy"]): Promise<Settings> {
      const body = { signup_policy: policy };
      return (await call(settingsSchema, "PATCH", "/api/admin/settings", { body })).settings;
    },

    /** A single-use sign-up link. */
    async createInvite(options: { expiresInHours?: number; email?: string }): Promise<Invite> {
      const body = {
        ...(options.expiresInHours === undefined
          ? {}
          : { expires_in_hours: options.expiresInHours }),
        ...(options.email === undefined ? {} : { email: options.email }),
      };
      return (await call(inviteSchema, "POST", "/api/admin/invites", { body })).invite;
    },
  };
  return client;
}
