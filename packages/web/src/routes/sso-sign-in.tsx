import { useSignInProviders } from "../api/auth.js";
import { ssoErrorMessage } from "../api/sso-error-message.js";

/**
 * The login page's single sign-on: why the last one failed, if it did, and a "Sign in with
 * <provider>" link when the platform has a provider. A link, not a fetch: the browser itself
 * must travel to the provider and back.
 */
export function SsoSignIn({
  next,
  error,
}: {
  next: string | undefined;
  error: string | undefined;
}) {
  const { data } = useSignInProviders();
  const provider = data?.oidc;
  const start = `/api/auth/oidc/start${next ? `?next=${encodeURIComponent(next)}` : ""}`;
  return (
    <>
      {error && (
        <p role="alert" className="rounded-lg bg-danger-soft px-3 py-2 text-sm text-danger">
          {ssoErrorMessage(error)}
        </p>
      )}
      {provider && (
        <>
          <a
            href={start}
            className="inline-flex h-10 items-center justify-center rounded-lg border border-line bg-raised px-4 text-sm font-medium text-ink transition-colors hover:bg-sunken"
          >
            Sign in with {provider.name}
          </a>
          <p className="text-center text-xs text-muted" aria-hidden="true">
            or with your email
          </p>
        </>
      )}
    </>
  );
}
