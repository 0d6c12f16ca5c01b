import { useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { describeError } from "../api/api-error.js";
import {
  saveDailyLimits,
  usageKeys,
  useDailyLimits,
  type DailyCaps,
  type DailyLimits,
} from "../api/usage.js";
import { Button } from "../ui/button.js";
import { ErrorNotice } from "../ui/notice.js";
import { Section } from "../ui/section.js";
import { Spinner } from "../ui/spinner.js";
import { TextField } from "../ui/text-field.js";
import { useToast } from "../ui/toast.js";
import { EditableRows, parseOptionalNumber, RowInput } from "./editable-rows.js";

interface CapsDraft {
  messages: string;
  cost: string;
}

type UserDraft = CapsDraft & { email: string };

const capsDraftOf = (caps: DailyCaps): CapsDraft => ({
  messages: caps.messages_per_day === null ? "" : String(caps.messages_per_day),
  cost: caps.cost_usd_per_day === null ? "" : String(caps.cost_usd_per_day),
});

function draftOf(limits: DailyLimits) {
  return {
    default: capsDraftOf(limits.default),
    users: limits.users.map((user) => ({ email: user.email ?? "", ...capsDraftOf(user) })),
  };
}

/** The caps as the API takes them, or what is wrong in words. */
function capsOf(draft: CapsDraft, what: string): DailyCaps | string {
  const messages = parseOptionalNumber(draft.messages);
  const cost = parseOptionalNumber(draft.cost);
  if (messages === "invalid" || (messages !== null && !Number.isInteger(messages)))
    return `${what}: messages a day must be a whole number, or empty for no cap.`;
  if (cost === "invalid") return `${what}: the cost cap must be dollars, or empty for no cap.`;
  return { messages_per_day: messages, cost_usd_per_day: cost };
}

/** Daily caps on messages and cost: one for everyone, and users' own that replace it. */
export function DailyLimitsSection() {
  const limits = useDailyLimits();
  return (
    <Section
      title="Daily limits"
      lead="Checked before a user's message, /v1 call or /bot call reaches a bot; counts start again at midnight UTC. Empty: no cap."
    >
      {limits.isPending && <Spinner label="Loading the daily limits" />}
      {limits.isError && <ErrorNotice error={limits.error} />}
      {limits.data && <LimitsEditor saved={limits.data} />}
    </Section>
  );
}

/** The caps being edited, starting from the saved ones. */
function LimitsEditor({ saved }: { saved: DailyLimits }) {
  const client = useQueryClient();
  const toast = useToast();
  const [draft, setDraft] = useState(() => draftOf(saved));
  const save = () => {
    const everyone = capsOf(draft.default, "Everyone");
    if (typeof everyone === "string") return toast(everyone, "error");
    const users: (DailyCaps & { email: string })[] = [];
    for (const user of draft.users) {
      const caps = capsOf(user, user.email || "A user");
      if (typeof caps === "string") return toast(caps, "error");
      users.push({ email: user.email, ...caps });
    }
    void saveDailyLimits({ default: everyone, users })
      .then((saved) => {
        client.setQueryData(usageKeys.limits, saved);
        toast("Daily limits saved.");
      })
      .catch((error: unknown) => toast(describeError(error), "error"));
  };
  const setDefault = (change: Partial<CapsDraft>) =>
    setDraft({ ...draft, default: { ...draft.default, ...change } });
  return (
    <>
      <div className="grid gap-3 sm:grid-cols-2">
        <TextField
          label="Messages a day, everyone"
          inputMode="numeric"
          placeholder="No cap"
          value={draft.default.messages}
          onChange={(event) => setDefault({ messages: event.target.value })}
        />
        <TextField
          label="Cost a day (US$), everyone"
          inputMode="decimal"
          placeholder="No cap"
          value={draft.default.cost}
          onChange={(event) => setDefault({ cost: event.target.value })}
        />
      </div>
      <h3 className="text-sm font-medium">Users with their own limits</h3>
      <EditableRows<UserDraft>
        rows={draft.users}
        onChange={(users) => setDraft({ ...draft, users })}
        blank={{ email: "", messages: "", cost: "" }}
        columns="grid-cols-1 sm:grid-cols-3"
        addLabel="Add a user"
        removeLabel={(row, index) => `Remove the limits of ${row.email || `user ${index + 1}`}`}
        renderRow={(row, update) => (
          <>
            <RowInput
              label="Email"
              placeholder="someone@example.com"
              value={row.email}
              onChange={(email) => update({ ...row, email })}
            />
            <RowInput
              label={`Messages a day for ${row.email || "this user"}`}
              placeholder="Messages: no cap"
              numeric
              value={row.messages}
              onChange={(messages) => update({ ...row, messages })}
            />
            <RowInput
              label={`Cost a day (US$) for ${row.email || "this user"}`}
              placeholder="Cost: no cap"
              numeric
              value={row.cost}
              onChange={(cost) => update({ ...row, cost })}
            />
          </>
        )}
        footer={
          <Button size="sm" variant="primary" onClick={save}>
            Save limits
          </Button>
        }
      />
    </>
  );
}
