/** Where the context was cleared: messages above it are no longer sent to the bot. */
export function ContextDivider() {
  return (
    <div
      role="separator"
      aria-label="Context cleared"
      className="flex items-center gap-3 text-xs text-muted"
    >
      <span className="h-px flex-1 bg-line" />
      Context cleared
      <span className="h-px flex-1 bg-line" />
    </div>
  );
}
