import type { ReactNode } from "react";
import { safeLinkHref } from "./safe-urls.js";

/**
 * A link from a bot's reply: http(s) and mailto links open in a new tab without an opener or a
 * referrer; anything else (`javascript:`, `data:`, relative paths…) is shown as its text only.
 */
export function SafeLink({
  href,
  title,
  children,
}: {
  href?: string | undefined;
  title?: string | undefined;
  children?: ReactNode;
}) {
  const safeHref = href === undefined ? undefined : safeLinkHref(href);
  if (safeHref === undefined) return <span className="md-link-text">{children}</span>;
  return (
    <a href={safeHref} title={title} target="_blank" rel="noopener noreferrer nofollow">
      {children}
    </a>
  );
}
