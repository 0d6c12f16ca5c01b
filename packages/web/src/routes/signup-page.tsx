import { useQueryClient } from "@tanstack/react-query";
import { Link, useNavigate, useSearch } from "@tanstack/react-router";
import { useState } from "react";
import { logIn, meKey, signUp } from "../api/auth.js";
import { useSignupPolicy, type SignupPolicy } from "../api/signup.js";
import { AuthCard } from "./auth-card.js";
import { AuthForm } from "./auth-form.js";

/** What the page says under each policy, before anyone types. */
function noticeFor(policy: SignupPolicy | undefined, invited: boolean): string | undefined {
  if (invited) return "You have an invite: create your account below.";
  if (policy === "invite")
    return "Sign-up needs an invite. Ask an admin of this Parlor for a link.";
  if (policy === "closed") return "Sign-up is closed. Ask an admin of this Parlor for an account.";
  if (policy === "approval")
    return "An admin approves new accounts: you can log in once they have.";
  return undefined;
}

/** `/signup`: creates the account and signs straight in, or says it awaits approval. */
export function SignupPage() {
  const navigate = useNavigate();
  const client = useQueryClient();
  const { invite } = useSearch({ from: "/public/signup" });
  const policy = useSignupPolicy();
  const [awaiting, setAwaiting] = useState<string>();
  if (awaiting) {
    return (
      <AuthCard title="Your account awaits approval">
        <p role="status" className="text-sm">
          The account for <strong className="break-all">{awaiting}</strong> is created. An admin of
          this Parlor has to approve it before you can log in.
        </p>
        <Link
          to="/login"
          search={{ next: undefined }}
          className="text-center text-sm font-medium text-accent underline"
        >
          Go to the login page
        </Link>
      </AuthCard>
    );
  }
  return (
    <AuthForm
      title="Create your account"
      submitLabel="Create account"
      passwordAutoComplete="new-password"
      notice={noticeFor(policy.data, invite !== undefined)}
      footer={{ text: "Have an account?", link: "/login", label: "Log in" }}
      onSubmit={async (email, password) => {
        const { user: created } = await signUp(email, password, invite);
        if (created.status === "pending") {
          setAwaiting(created.email);
          return;
        }
        const { user } = await logIn(email, password);
        client.setQueryData(meKey, user);
        await navigate({ to: "/", search: { bot: undefined } });
      }}
    />
  );
}
