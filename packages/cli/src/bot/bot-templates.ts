/** The kinds of bot `parlor bot init` can start from, each a folder under templates/. */
export const BOT_TEMPLATES = {
  echo: "it says back what you send it.",
  chain: "it asks another bot (Parlor's built-in `echo`) and passes its answer on.",
  tools: "it answers through a model bot (GPT-4o) that can call the tools in `src/tools.ts`.",
  llm: "it answers through a model bot (GPT-4o), with a system prompt of its own.",
} as const;

/** One of {@link BOT_TEMPLATES}. */
export type BotTemplate = keyof typeof BOT_TEMPLATES;

/** Whether `name` is a template's name. */
export function isBotTemplate(name: string): name is BotTemplate {
  return Object.hasOwn(BOT_TEMPLATES, name);
}
