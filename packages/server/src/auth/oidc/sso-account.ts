import type { Store } from "../../store/store.js";
import type { UserRow } from "../../store/users-store.js";
import { randomId } from "../tokens.js";
import type { SsoPerson } from "./oidc-claims.js";
import { SsoError } from "./oidc-login-error.js";
import type { SsoAdmission } from "./sso-admission.js";

/** What finding the account of a single sign-on needs. */
export interface SsoAccountDeps {
  store: Store;
  clock: () => number;
  issuer: string;
  /** Members of this group become admins when they sign in. */
  adminGroup: string | undefined;
  /** The sign-up policy's say on creating an account for a new email (it may refuse). */
  admission: SsoAdmission;
}

/** Which account signed in, and how it was found. */
export interface SsoAccount {
  user: UserRow;
  outcome: "known" | "linked" | "created";
}

/**
 * The account of a person who signed in at the provider. Found by the link made before
 * (issuer and subject); else linked to the account with the same verified email; else created
 * without a password, if the sign-up policy allows. A disabled account is refused either way.
 */
export async function findSsoAccount(deps: SsoAccountDeps, person: SsoPerson): Promise<SsoAccount> {
  const { store, clock, issuer } = deps;
  const link = await store.identities.find(issuer, person.subject);
  const linkedUser = link && (await store.users.findById(link.user_id));
  const sameEmail = linkedUser ? undefined : await store.users.findByEmail(person.email);
  const existing = linkedUser ?? sameEmail;
  const isAdminByGroup = deps.adminGroup !== undefined && person.groups.includes(deps.adminGroup);
  let found: SsoAccount;
  if (existing) {
    if (existing.disabled_at !== null)
      throw new SsoError("account_disabled", "The account is disabled");
    found = { user: existing, outcome: linkedUser ? "known" : "linked" };
  } else {
    const admit = await deps.admission();
    const user = await store.users.insertPerson(
      // No password: such an account signs in only by single sign-on.
      {
        id: randomId("usr"),
        email: person.email,
        password_hash: "",
        created_at: clock(),
        disabled_at: null,
      },
      isAdminByGroup,
      admit,
    );
    found = { user, outcome: "created" };
  }
  if (found.outcome !== "known") {
    await store.identities.link({
      issuer,
      subject: person.subject,
      user_id: found.user.id,
      email: person.email,
      created_at: clock(),
    });
  }
  if (isAdminByGroup && found.user.role !== "admin") {
    const update = await store.users.updateAccount(found.user.id, { role: "admin" }, clock());
    if ("updated" in update) found = { ...found, user: update.updated };
  }
  // Linked all the same, so that once an admin approves, the next sign-in finds the account.
  if (found.user.pending_at !== null)
    throw new SsoError("account_pending", "An admin has not approved this account yet");
  return found;
}
