import { useQueryClient } from "@tanstack/react-query";
import { useNavigate, useSearch } from "@tanstack/react-router";
import { logIn, meKey } from "../api/auth.js";
import { AuthForm } from "./auth-form.js";

/** `/login`: opens a session, then goes back to the page that asked for it. */
export function LoginPage() {
  const navigate = useNavigate();
  const client = useQueryClient();
  const { next } = useSearch({ from: "/public/login" });
  return (
    <AuthForm
      title="Log in"
      submitLabel="Log in"
      passwordAutoComplete="current-password"
      footer={{ text: "New here?", link: "/signup", label: "Create an account" }}
      onSubmit={async (email, password) => {
        const { user } = await logIn(email, password);
        client.setQueryData(meKey, user);
        await navigate({ to: next ?? "/" });
      }}
    />
  );
}
