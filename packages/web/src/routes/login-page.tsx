import { useQueryClient } from "@tanstack/react-query";
import { useNavigate, useSearch } from "@tanstack/react-router";
import { logIn, meKey } from "../api/auth.js";
import { AuthForm } from "./auth-form.js";
import { SsoSignIn } from "./sso-sign-in.js";

/** `/login`: opens a session (password or single sign-on), then goes back to the page that asked for it. */
export function LoginPage() {
  const navigate = useNavigate();
  const client = useQueryClient();
  const { next, sso_error: ssoError } = useSearch({ from: "/public/login" });
  return (
    <AuthForm
      title="Log in"
      submitLabel="Log in"
      passwordAutoComplete="current-password"
      footer={{ text: "New here?", link: "/signup", label: "Create an account" }}
      alternative={<SsoSignIn next={next} error={ssoError} />}
      onSubmit={async (email, password) => {
        const { user } = await logIn(email, password);
        client.setQueryData(meKey, user);
        await navigate({ to: next ?? "/" });
      }}
    />
  );
}
