import { Link, Outlet, useNavigate, useRouterState } from "@tanstack/react-router";
import { useEffect, useState } from "react";
import { useLogOut, useMe } from "../api/auth.js";
import { ConversationList } from "../chat/conversation-list.js";
import { Button } from "../ui/button.js";
import { nameOf, UserAvatar } from "../ui/user-avatar.js";
import { ConnectionBanner } from "./connection-banner.js";

const navLink =
  "rounded-lg px-3 py-2 text-sm text-ink hover:bg-sunken [&.active]:bg-sunken [&.active]:font-medium";

/**
 * The frame of every signed-in page: a sidebar with new chat, the conversation list and the
 * other pages (a drawer on phones), and the page itself. Ctrl/Cmd+Shift+O starts a new chat.
 */
export function AppShell() {
  const { data: user } = useMe();
  const logOut = useLogOut();
  const navigate = useNavigate();
  const pathname = useRouterState({ select: (state) => state.location.pathname });
  // The drawer is open on the page it was opened on: navigating anywhere closes it.
  const [drawerPath, setDrawerPath] = useState<string | null>(null);
  const drawerOpen = drawerPath === pathname;
  const setDrawerOpen = (open: boolean) => setDrawerPath(open ? pathname : null);
  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if ((event.ctrlKey || event.metaKey) && event.shiftKey && event.key.toLowerCase() === "o") {
        event.preventDefault();
        void navigate({ to: "/", search: { bot: undefined } });
      }
    };
    window.addEventListener("keydown", onKey);
    return () => window.removeEventListener("keydown", onKey);
  }, [navigate]);

  return (
    <div className="flex h-full">
      <a
        href="#main"
        className="sr-only focus:not-sr-only focus:fixed focus:top-2 focus:left-2 focus:z-50 focus:rounded focus:bg-raised focus:p-2"
      >
        Skip to content
      </a>
      {drawerOpen && (
        <div
          className="fixed inset-0 z-30 bg-black/40 md:hidden"
          aria-hidden="true"
          onClick={() => setDrawerOpen(false)}
        />
      )}
      <aside
        aria-label="Conversations and pages"
        className={`fixed inset-y-0 left-0 z-40 flex w-72 flex-col border-r border-line bg-surface transition-transform md:static md:translate-x-0 ${
          drawerOpen ? "translate-x-0" : "-translate-x-full"
        }`}
      >
        <div className="flex items-center justify-between px-4 pt-4 pb-2">
          <Link to="/" search={{ bot: undefined }} className="text-lg font-semibold tracking-tight">
            Parlor
          </Link>
          <Button
            variant="primary"
            size="sm"
            title="New chat (Ctrl+Shift+O)"
            onClick={() => void navigate({ to: "/", search: { bot: undefined } })}
          >
            New chat
          </Button>
        </div>
        <nav aria-label="Pages" className="flex flex-col gap-0.5 px-2 py-2">
          <Link to="/explore" className={navLink}>
            Explore bots
          </Link>
          <Link to="/bots/new" className={navLink}>
            Create a bot
          </Link>
        </nav>
        <div className="min-h-0 flex-1 overflow-y-auto border-t border-line px-2 py-2">
          <ConversationList />
        </div>
        <div className="flex flex-col gap-0.5 border-t border-line px-2 py-2">
          {user?.role === "admin" && (
            <Link to="/admin" className={navLink}>
              Admin
            </Link>
          )}
          <Link to="/account" className={`${navLink} flex items-center gap-2`}>
            {user && <UserAvatar user={user} size={24} />}
            <span className="block truncate">{user ? nameOf(user) : "Account"}</span>
          </Link>
          <button
            type="button"
            className={`${navLink} text-left`}
            onClick={() =>
              void logOut().then(() => navigate({ to: "/login", search: { next: undefined } }))
            }
          >
            Log out
          </button>
        </div>
      </aside>
      <div className="flex min-w-0 flex-1 flex-col">
        <header className="flex items-center gap-2 border-b border-line px-3 py-2 md:hidden">
          <Button
            variant="ghost"
            size="icon"
            aria-label="Open the menu"
            aria-expanded={drawerOpen}
            onClick={() => setDrawerOpen(true)}
          >
            <svg
              aria-hidden="true"
              viewBox="0 0 24 24"
              className="h-5 w-5"
              fill="none"
              stroke="currentColor"
              strokeWidth="2"
            >
              <path d="M4 6h16M4 12h16M4 18h16" />
            </svg>
          </Button>
          <span className="font-semibold">Parlor</span>
        </header>
        <ConnectionBanner />
        <main id="main" className="min-h-0 flex-1 overflow-hidden">
          <Outlet />
        </main>
      </div>
    </div>
  );
}
