import type { QueryClient } from "@tanstack/react-query";
import {
  createRootRouteWithContext,
  createRoute,
  createRouter,
  lazyRouteComponent,
  redirect,
} from "@tanstack/react-router";
import { fetchMe, meKey } from "./api/auth.js";
import { botsQuery } from "./api/bots-list.js";
import { conversationQuery } from "./chat/use-conversation.js";
import { AppShell } from "./app/app-shell.js";
import { NotFoundPage } from "./app/not-found-page.js";
import { ChatPage } from "./routes/chat-page.js";

/**
 * Every page of the app, one route each. The chat page is in the first bundle (it is what people
 * open); the others load when first visited.
 */
const rootRoute = createRootRouteWithContext<{ queryClient: QueryClient }>()({
  notFoundComponent: NotFoundPage,
});

/** Pages for people who are not signed in. */
const publicLayout = createRoute({ getParentRoute: () => rootRoute, id: "public" });

const loginRoute = createRoute({
  getParentRoute: () => publicLayout,
  path: "/login",
  validateSearch: (
    search: Record<string, unknown>,
  ): { next: string | undefined; sso_error?: string | undefined } => ({
    next: typeof search.next === "string" && search.next.startsWith("/") ? search.next : undefined,
    // Why single sign-on sent the browser back here, if it did.
    sso_error: typeof search.sso_error === "string" ? search.sso_error : undefined,
  }),
  component: lazyRouteComponent(() => import("./routes/login-page.js"), "LoginPage"),
});

const signupRoute = createRoute({
  getParentRoute: () => publicLayout,
  path: "/signup",
  validateSearch: (search: Record<string, unknown>): { invite?: string } =>
    typeof search.invite === "string" && search.invite ? { invite: search.invite } : {},
  component: lazyRouteComponent(() => import("./routes/signup-page.js"), "SignupPage"),
});

/** Everything else needs a session; without one, the login page, then back here. */
const appLayout = createRoute({
  getParentRoute: () => rootRoute,
  id: "app",
  beforeLoad: async ({ context, location }) => {
    const user = await context.queryClient.ensureQueryData({ queryKey: meKey, queryFn: fetchMe });
    // TanStack Router's redirects are thrown objects, by design.
    // eslint-disable-next-line @typescript-eslint/only-throw-error
    if (!user) throw redirect({ to: "/login", search: { next: location.href } });
    return { user };
  },
  component: AppShell,
});

const newChatRoute = createRoute({
  getParentRoute: () => appLayout,
  path: "/",
  validateSearch: (search: Record<string, unknown>) => ({
    bot: typeof search.bot === "string" ? search.bot : undefined,
  }),
  component: ChatPage,
});

const conversationRoute = createRoute({
  getParentRoute: () => appLayout,
  path: "/c/$conversationId",
  // Start reading the conversation and its bots while the page renders, not after: on a slow
  // phone that is most of the wait before one can type.
  loader: ({ context: { queryClient }, params }) => {
    void queryClient.prefetchQuery(conversationQuery(queryClient, params.conversationId));
    void queryClient.prefetchQuery(botsQuery);
  },
  component: ChatPage,
});

const exploreRoute = createRoute({
  getParentRoute: () => appLayout,
  path: "/explore",
  component: lazyRouteComponent(() => import("./routes/explore-page.js"), "ExplorePage"),
});

const newBotRoute = createRoute({
  getParentRoute: () => appLayout,
  path: "/bots/new",
  component: lazyRouteComponent(() => import("./routes/bot-editor-page.js"), "NewBotPage"),
});

const botRoute = createRoute({
  getParentRoute: () => appLayout,
  path: "/bots/$handle",
  component: lazyRouteComponent(() => import("./routes/bot-page.js"), "BotPage"),
});

const editBotRoute = createRoute({
  getParentRoute: () => appLayout,
  path: "/bots/$handle/edit",
  component: lazyRouteComponent(() => import("./routes/bot-editor-page.js"), "EditBotPage"),
});

const callsRoute = createRoute({
  getParentRoute: () => appLayout,
  path: "/bots/$handle/calls",
  // The call open in the inspector, so a replay (or a link) opens one.
  validateSearch: (search: Record<string, unknown>): { call?: string } =>
    typeof search.call === "string" && search.call ? { call: search.call } : {},
  component: lazyRouteComponent(() => import("./routes/call-log-page.js"), "CallLogPage"),
});

const accountRoute = createRoute({
  getParentRoute: () => appLayout,
  path: "/account",
  component: lazyRouteComponent(() => import("./routes/account-page.js"), "AccountPage"),
});

const adminRoute = createRoute({
  getParentRoute: () => appLayout,
  path: "/admin",
  component: lazyRouteComponent(() => import("./routes/admin-page.js"), "AdminPage"),
});

const routeTree = rootRoute.addChildren([
  publicLayout.addChildren([loginRoute, signupRoute]),
  appLayout.addChildren([
    newChatRoute,
    conversationRoute,
    exploreRoute,
    newBotRoute,
    botRoute,
    editBotRoute,
    callsRoute,
    accountRoute,
    adminRoute,
  ]),
]);

/** The app's router. */
export const router = createRouter({
  routeTree,
  context: { queryClient: undefined! },
  defaultPreload: "intent",
  scrollRestoration: true,
});

declare module "@tanstack/react-router" {
  interface Register {
    router: typeof router;
  }
}
