import type { BotCall } from "../api/bots.js";
import { Badge } from "../ui/badge.js";

/** A call's outcome as a pill: running, OK, error or timed out. */
export function CallStatus({ call }: { call: BotCall }) {
  if (call.status === "running")
    return (
      <Badge tone="accent">
        <span aria-hidden className="mr-1.5 h-1.5 w-1.5 animate-pulse rounded-full bg-accent" />
        Running
      </Badge>
    );
  if (call.timed_out) return <Badge tone="danger">Timed out</Badge>;
  if (call.status === "error") return <Badge tone="danger">Error</Badge>;
  if (call.status === "ok") return <Badge tone="success">OK</Badge>;
  return <Badge>{call.status}</Badge>;
}
