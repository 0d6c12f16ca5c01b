import { useBots } from "../api/bots.js";
import type { Bot } from "../api/types.js";
import { Field } from "../ui/field.js";
import { TextAreaField } from "../ui/text-area-field.js";
import { TextField } from "../ui/text-field.js";
import type { BotFormValues, FormField } from "./bot-form-values.js";

/** The variables the platform fills in; the list the server accepts (prompt-variables.ts). */
const VARIABLES = ["{{user_name}}", "{{bot_name}}", "{{date}}", "{{weekday}}", "{{time}}"];

type PromptValues = Pick<BotFormValues, "base_bot" | "prompt" | "temperature" | "suggest_replies">;

/** Model bots first (the usual base), then the other bots, by name; never the bot itself. */
function baseChoices(bots: Bot[], self: string): Bot[] {
  const rank = (bot: Bot) => (bot.kind === "model" ? 0 : 1);
  return bots
    .filter((bot) => bot.handle !== self)
    .sort((a, b) => rank(a) - rank(b) || a.display_name.localeCompare(b.display_name));
}

/** A prompt bot's own fields: the bot it runs on, its prompt, temperature, follow-ups. */
export function PromptBotFields({
  self,
  values,
  errorFor,
  onChange,
}: {
  /** The bot's handle, left out of the base bots it may run on. */
  self: string;
  values: PromptValues;
  errorFor: (field: FormField) => string | undefined;
  onChange: (change: Partial<PromptValues>) => void;
}) {
  const bots = useBots();
  const choices = baseChoices(bots.data ?? [], self);
  return (
    <>
      <Field
        label="Runs on"
        hint="The model (or bot) that writes the replies. Your prompt goes before every conversation."
        error={errorFor("base_bot") ?? (bots.isError ? "The bots could not be loaded." : undefined)}
      >
        {(control) => (
          <select
            {...control}
            required
            value={values.base_bot}
            onChange={(event) => onChange({ base_bot: event.target.value })}
            className="h-10 rounded-lg border border-line bg-raised px-3 text-sm text-ink focus:border-accent sm:max-w-sm"
          >
            <option value="" disabled>
              {bots.isPending ? "Loading bots…" : "Choose a bot"}
            </option>
            {choices.map((bot) => (
              <option key={bot.id} value={bot.handle}>
                {bot.display_name}
                {bot.kind === "model" && bot.model ? ` (${bot.model.vendor})` : ` (@${bot.handle})`}
              </option>
            ))}
          </select>
        )}
      </Field>
      <TextAreaField
        label="Prompt"
        required
        rows={8}
        maxLength={20000}
        value={values.prompt}
        error={errorFor("prompt")}
        placeholder="You are a patient tutor. Explain things step by step to {{user_name}}."
        hint={
          <>
            Sent as the system message of every reply. Variables filled in for each reply:{" "}
            {VARIABLES.map((name, index) => (
              <span key={name}>
                {index > 0 && ", "}
                <code className="font-mono">{name}</code>
              </span>
            ))}
            .
          </>
        }
        onChange={(event) => onChange({ prompt: event.target.value })}
      />
      <TextField
        label="Temperature"
        type="number"
        min={0}
        max={2}
        step={0.1}
        value={values.temperature}
        placeholder="Model default"
        hint="0 gives the most predictable replies, 2 the most varied. Empty: the model's default."
        error={errorFor("temperature")}
        onChange={(event) => onChange({ temperature: event.target.value })}
        className="sm:max-w-48"
      />
      <label className="flex items-start gap-2 text-sm">
        <input
          type="checkbox"
          checked={values.suggest_replies}
          onChange={(event) => onChange({ suggest_replies: event.target.checked })}
          className="mt-0.5 size-4 accent-accent"
        />
        <span>
          <span className="font-medium">Suggest replies</span>
          <span className="block text-muted">
            After each reply, offer three follow-ups the user can send with one click.
          </span>
        </span>
      </label>
    </>
  );
}
