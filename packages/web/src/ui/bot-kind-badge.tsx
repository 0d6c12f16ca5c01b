import type { Bot } from "../api/types.js";
import { Badge } from "./badge.js";

const labels: Record<Bot["kind"], string> = {
  model: "Model",
  prompt: "Prompt",
  server: "Server",
  in_process: "Built-in",
};

/** What sort of bot this is, in one word; a model bot's vendor after it ("Model · OpenAI"). */
export function BotKindBadge({ kind, vendor }: { kind: Bot["kind"]; vendor?: string | undefined }) {
  const label = labels[kind] ?? kind;
  return (
    <Badge tone={kind === "in_process" ? "accent" : "neutral"}>
      {kind === "model" && vendor ? `${label} · ${vendor}` : label}
    </Badge>
  );
}
