import * as Tabs from "@radix-ui/react-tabs";
import { useMe } from "../api/auth.js";
import { BotsTab } from "../admin/bots-tab.js";
import { DevelopmentSwitchesNotice } from "../admin/development-switches-notice.js";
import { ModelsTab } from "../admin/models-tab.js";
import { SignupTab } from "../admin/signup-tab.js";
import { UsageTab } from "../admin/usage-tab.js";
import { UsersTab } from "../admin/users-tab.js";
import { Page } from "../ui/page.js";

const tab =
  "rounded-t-lg border-b-2 border-transparent px-4 py-2 text-sm font-medium text-muted data-[state=active]:border-accent data-[state=active]:text-ink";

/** `/admin`: users and bots for admins; everyone else is told they may not. */
export function AdminPage() {
  const { data: user } = useMe();
  if (user?.role !== "admin") {
    return (
      <Page title="Not allowed">
        <p className="text-sm text-muted">Only admins can open this page.</p>
      </Page>
    );
  }
  return (
    <Page title="Admin" lead="Accounts, bots, sign-up and usage on this Parlor." width="wide">
      <DevelopmentSwitchesNotice />
      <Tabs.Root defaultValue="users" className="flex flex-col gap-4">
        <Tabs.List aria-label="What to manage" className="flex gap-1 border-b border-line">
          <Tabs.Trigger value="users" className={tab}>
            Users
          </Tabs.Trigger>
          <Tabs.Trigger value="bots" className={tab}>
            Bots
          </Tabs.Trigger>
          <Tabs.Trigger value="signup" className={tab}>
            Sign-up
          </Tabs.Trigger>
          <Tabs.Trigger value="models" className={tab}>
            Models
          </Tabs.Trigger>
          <Tabs.Trigger value="usage" className={tab}>
            Usage
          </Tabs.Trigger>
        </Tabs.List>
        <Tabs.Content value="users">
          <UsersTab />
        </Tabs.Content>
        <Tabs.Content value="bots">
          <BotsTab />
        </Tabs.Content>
        <Tabs.Content value="signup">
          <SignupTab />
        </Tabs.Content>
        <Tabs.Content value="models">
          <ModelsTab />
        </Tabs.Content>
        <Tabs.Content value="usage">
          <UsageTab />
        </Tabs.Content>
      </Tabs.Root>
    </Page>
  );
}
