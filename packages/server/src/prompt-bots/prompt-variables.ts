/**
 * The `{{variables}}` a prompt bot's prompt may use, filled in for every reply. Anything else
 * in double braces is refused when the prompt is saved, so a typo is not sent to the model.
 */
export const PROMPT_VARIABLES = {
  user_name: "the name the user chose in their account, or “the user”",
  bot_name: "this bot's display name",
  date: "today's date in UTC, e.g. 2026-12-07",
  weekday: "today's day of the week in UTC, e.g. Monday",
  time: "the time in UTC, e.g. 14:05",
} as const;

export type PromptVariable = keyof typeof PROMPT_VARIABLES;

const VARIABLE = /\{\{\s*([A-Za-z0-9_]+)\s*\}\}/g;
const WEEKDAYS = ["Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"];

/** The `{{names}}` in a prompt that are not variables, each once, in order. */
export function unknownVariables(prompt: string): string[] {
  const unknown = new Set<string>();
  for (const [, name] of prompt.matchAll(VARIABLE)) {
    if (!(name! in PROMPT_VARIABLES)) unknown.add(name!);
  }
  return [...unknown];
}

/** What each variable stands for in a reply written at `now` for `userName`. */
export function variableValues(input: {
  userName: string | null;
  botName: string;
  now: number;
}): Record<PromptVariable, string> {
  const iso = new Date(input.now).toISOString();
  return {
    user_name: input.userName ?? "the user",
    bot_name: input.botName,
    date: iso.slice(0, 10),
    weekday: WEEKDAYS[new Date(input.now).getUTCDay()]!,
    time: iso.slice(11, 16),
  };
}

/** The prompt with its variables filled in; unknown names stay as written. */
export function renderPrompt(prompt: string, values: Record<PromptVariable, string>): string {
  return prompt.replace(VARIABLE, (written, name: string) =>
    name in values ? values[name as PromptVariable] : written,
  );
}
