import type { Attachment } from "../api/types.js";

/** A file attached to a message; `onRemove` makes it removable (in the composer). */
export function AttachmentChips({
  attachments,
  uploading = [],
  onRemove,
}: {
  attachments: Attachment[];
  uploading?: string[];
  onRemove?: (fileId: string) => void;
}) {
  if (attachments.length === 0 && uploading.length === 0) return null;
  return (
    <ul aria-label="Attachments" className="flex flex-wrap gap-1.5">
      {attachments.map((attachment) => (
        <li
          key={attachment.file_id}
          className="inline-flex max-w-56 items-center gap-1 rounded-full border border-line bg-raised py-0.5 pr-1 pl-2.5 text-xs"
        >
          <span className="truncate">{attachment.name}</span>
          {onRemove && (
            <button
              type="button"
              aria-label={`Remove ${attachment.name}`}
              onClick={() => onRemove(attachment.file_id)}
              className="rounded-full px-1.5 text-muted hover:bg-sunken hover:text-ink"
            >
              ×
            </button>
          )}
        </li>
      ))}
      {uploading.map((name) => (
        <li
          key={name}
          className="rounded-full border border-dashed border-line px-2.5 py-0.5 text-xs text-muted"
        >
          Uploading {name}…
        </li>
      ))}
    </ul>
  );
}
