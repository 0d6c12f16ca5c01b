import { useState, type FormEvent } from "react";
import type { Bot } from "../api/types.js";
import { Button } from "../ui/button.js";
import { Section } from "../ui/section.js";
import { TextAreaField } from "../ui/text-area-field.js";
import { TextField } from "../ui/text-field.js";
import { AvatarField } from "./avatar-field.js";
import { fieldErrorOf, valuesOf, type BotFormValues, type FormField } from "./bot-form-values.js";
import { KindField } from "./kind-field.js";
import { MemoryField } from "./memory-field.js";
import { PromptBotFields } from "./prompt-bot-fields.js";
import { ServerBotFields } from "./server-bot-fields.js";
import { VisibilityField } from "./visibility-field.js";

/** How the page stores the avatar: at once for a saved bot, after creation for a new one. */
export interface AvatarControl {
  pending: File | null;
  busy: boolean;
  error?: string;
  onPick: (file: File) => void;
  onRemove?: () => void;
}

/**
 * The creator form for a new bot or a saved one: profile, who can use it, the kind's own fields
 * and memory. A refusal from the platform lands on the field it names.
 */
export function BotForm({
  bot,
  avatar,
  submitLabel,
  onSubmit,
}: {
  bot?: Bot;
  avatar: AvatarControl;
  submitLabel: string;
  onSubmit: (values: BotFormValues) => Promise<void>;
}) {
  const [values, setValues] = useState(() => valuesOf(bot));
  const [errors, setErrors] = useState<{ field?: FormField; message: string }>();
  const [busy, setBusy] = useState(false);
  const change = (patch: Partial<BotFormValues>) =>
    setValues((current) => ({ ...current, ...patch }));
  const errorFor = (field: FormField) => (errors?.field === field ? errors.message : undefined);
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    setErrors(undefined);
    try {
      await onSubmit(values);
    } catch (failure) {
      setErrors(fieldErrorOf(failure));
    } finally {
      setBusy(false);
    }
  };
  return (
    <form
      onSubmit={(event) => void submit(event)}
      className="flex flex-col gap-5"
      noValidate={false}
    >
      <Section title="Kind">
        <KindField
          value={values.kind}
          locked={bot !== undefined}
          onChange={(kind) => change({ kind })}
        />
      </Section>
      <Section title="Profile" lead="What people see in Explore and on the bot's page.">
        {!bot && (
          <TextField
            label="Handle"
            required
            autoComplete="off"
            spellCheck={false}
            pattern="[A-Za-z0-9][A-Za-z0-9_\-]{1,49}"
            value={values.handle}
            error={errorFor("handle")}
            hint="2–50 letters, digits, - or _. It is the bot's address (@handle) and cannot change."
            onChange={(event) => change({ handle: event.target.value })}
          />
        )}
        <TextField
          label="Display name"
          maxLength={80}
          value={values.display_name}
          error={errorFor("display_name")}
          placeholder={values.handle || "My bot"}
          onChange={(event) => change({ display_name: event.target.value })}
        />
        <TextAreaField
          label="Description"
          maxLength={2000}
          value={values.description}
          hint="A sentence or two on what the bot does."
          error={errorFor("description")}
          onChange={(event) => change({ description: event.target.value })}
        />
        <AvatarField
          bot={{
            handle: values.handle,
            display_name: values.display_name,
            avatar_url: bot?.avatar_url ?? null,
          }}
          {...avatar}
        />
        <TextAreaField
          label="Introduction message"
          maxLength={4000}
          value={values.greeting}
          hint="The greeting shown before the first message. Empty: the bot's own introduction, if it has one."
          error={errorFor("greeting")}
          onChange={(event) => change({ greeting: event.target.value })}
        />
      </Section>
      <Section title="Visibility">
        <VisibilityField
          value={values.visibility}
          onChange={(visibility) => change({ visibility })}
        />
      </Section>
      {values.kind === "server" ? (
        <Section title="Server" lead="Your bot's own HTTP server, speaking the Poe protocol.">
          <ServerBotFields
            bot={bot}
            serverUrl={values.server_url}
            error={errorFor("server_url")}
            onChange={(server_url) => change({ server_url })}
          />
        </Section>
      ) : (
        <Section
          title="Prompt"
          lead="What your bot is told before every conversation, and by whom it is answered."
        >
          <PromptBotFields
            self={bot?.handle ?? values.handle.trim().toLowerCase()}
            values={values}
            errorFor={errorFor}
            onChange={change}
          />
        </Section>
      )}
      <Section title="Conversation memory">
        <MemoryField
          memory={values.memory}
          lastN={values.memory_last_n}
          error={errorFor("memory_last_n")}
          onChange={change}
        />
      </Section>
      {errors && !errors.field && (
        <p role="alert" className="rounded-lg bg-danger-soft px-3 py-2 text-sm text-danger">
          {errors.message}
        </p>
      )}
      {errors?.field && (
        <p className="text-sm text-danger">Fix the field marked above, then save again.</p>
      )}
      <div className="sticky bottom-0 -mx-4 flex justify-end gap-2 border-t border-line bg-canvas px-4 py-3 sm:-mx-6 sm:px-6">
        <Button type="submit" variant="primary" disabled={busy}>
          {busy ? "Saving…" : submitLabel}
        </Button>
      </div>
    </form>
  );
}
