import type { BotFile } from "../api/types.js";

/** Only the platform's own file URLs are shown inline; anything else is a plain link. */
function isPlatformUrl(url: string) {
  try {
    const parsed = new URL(url, window.location.origin);
    return parsed.origin === window.location.origin;
  } catch {
    return false;
  }
}

/** The files a bot attached to its reply: images inline, audio and video playable, others as links. */
export function BotFiles({ files }: { files: BotFile[] }) {
  // Inline references are shown where the Markdown mentions them, not again here.
  const shown = files.filter((file) => !file.inline_ref);
  if (shown.length === 0) return null;
  return (
    <ul aria-label="Files" className="mt-2 flex flex-col gap-2">
      {shown.map((file, index) => {
        const own = isPlatformUrl(file.url);
        const type = file.content_type;
        return (
          <li key={`${file.url}-${index}`}>
            {own && type.startsWith("image/") ? (
              <a href={file.url} target="_blank" rel="noreferrer">
                <img
                  src={file.url}
                  alt={file.name}
                  className="max-h-80 max-w-full rounded-lg border border-line [image-rendering:auto]"
                />
              </a>
            ) : own && type.startsWith("audio/") ? (
              <audio controls src={file.url} aria-label={file.name} className="w-full max-w-sm" />
            ) : own && type.startsWith("video/") ? (
              <video
                controls
                src={file.url}
                aria-label={file.name}
                className="max-h-80 max-w-full rounded-lg"
              />
            ) : (
              <a
                href={file.url}
                download={file.name}
                target="_blank"
                rel="noreferrer noopener"
                className="inline-flex items-center gap-1.5 rounded-lg border border-line bg-raised px-3 py-1.5 text-sm hover:bg-sunken"
              >
                <span aria-hidden="true">⤓</span> {file.name}
              </a>
            )}
          </li>
        );
      })}
    </ul>
  );
}
