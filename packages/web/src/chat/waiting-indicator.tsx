import { useEffect, useState } from "react";

/** How long a reply may stay silent before we say we are waiting for the bot, not frozen. */
const WAITING_AFTER_MS = 1500;

/** Three dots while a reply starts; "Waiting for <bot>…" once it is slow to start. */
export function WaitingIndicator({ botName }: { botName: string }) {
  const [waiting, setWaiting] = useState(false);
  useEffect(() => {
    const timer = setTimeout(() => setWaiting(true), WAITING_AFTER_MS);
    return () => clearTimeout(timer);
  }, []);
  return (
    <span role="status" className="inline-flex items-center gap-2 text-sm text-muted">
      <span aria-hidden="true" className="inline-flex gap-1">
        {[0, 150, 300].map((delay) => (
          <span
            key={delay}
            className="h-1.5 w-1.5 animate-bounce rounded-full bg-muted"
            style={{ animationDelay: `${delay}ms` }}
          />
        ))}
      </span>
      {waiting ? `Waiting for ${botName}…` : <span className="sr-only">{botName} is writing</span>}
    </span>
  );
}
