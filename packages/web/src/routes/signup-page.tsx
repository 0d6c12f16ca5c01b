import { useQueryClient } from "@tanstack/react-query";
import { useNavigate } from "@tanstack/react-router";
import { logIn, meKey, signUp } from "../api/auth.js";
import { AuthForm } from "./auth-form.js";

/** `/signup`: creates the account and signs straight in. */
export function SignupPage() {
  const navigate = useNavigate();
  const client = useQueryClient();
  return (
    <AuthForm
      title="Create your account"
      submitLabel="Create account"
      passwordAutoComplete="new-password"
      footer={{ text: "Have an account?", link: "/login", label: "Log in" }}
      onSubmit={async (email, password) => {
        await signUp(email, password);
        const { user } = await logIn(email, password);
        client.setQueryData(meKey, user);
        await navigate({ to: "/", search: { bot: undefined } });
      }}
    />
  );
}
