import type { Bot } from "../api/types.js";
import { Badge } from "./badge.js";

const labels: Record<Bot["kind"], string> = {
  model: "Model",
  prompt: "Prompt",
  server: "Server",
  in_process: "Built-in",
};

/** What sort of bot this is, in one word. */
export function BotKindBadge({ kind }: { kind: Bot["kind"] }) {
  return <Badge tone={kind === "in_process" ? "accent" : "neutral"}>{labels[kind] ?? kind}</Badge>;
}
