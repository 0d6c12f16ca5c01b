import { useId, useRef, useState } from "react";
import type { Bot } from "../api/types.js";
import { BotAvatar } from "../ui/bot-avatar.js";
import { Button } from "../ui/button.js";

const ACCEPTED = ["image/png", "image/jpeg", "image/webp", "image/gif"];
const MAX_BYTES = 2 * 1024 * 1024;

/** Why a picture cannot be an avatar, or undefined when it can. */
export function avatarProblem(file: File): string | undefined {
  if (!ACCEPTED.includes(file.type)) return "Choose a PNG, JPEG, WebP or GIF picture.";
  if (file.size > MAX_BYTES) return "That picture is over 2 MB; choose a smaller one.";
  return undefined;
}

/**
 * The bot's picture with a preview of the chosen file. `onPick` gets a file that passed the
 * type and size rules; `onRemove` appears when there is something to remove.
 */
export function AvatarField({
  bot,
  pending,
  busy,
  error,
  onPick,
  onRemove,
}: {
  bot: Pick<Bot, "handle" | "display_name" | "avatar_url">;
  pending: File | null;
  busy: boolean;
  error?: string;
  onPick: (file: File) => void;
  onRemove?: () => void;
}) {
  const id = useId();
  const input = useRef<HTMLInputElement>(null);
  const [problem, setProblem] = useState<string>();
  // The preview belongs to the file it was made for; a removed or saved file shows none.
  const [preview, setPreview] = useState<{ file: File; url: string }>();
  const previewUrl = preview && preview.file === pending ? preview.url : null;
  const showPreview = (file: File) => {
    if (preview) URL.revokeObjectURL(preview.url);
    setPreview({ file, url: URL.createObjectURL(file) });
  };
  const shown = error ?? problem;
  return (
    <div className="flex flex-col gap-1.5">
      <label htmlFor={id} className="text-sm font-medium">
        Avatar
      </label>
      <div className="flex flex-wrap items-center gap-3">
        {previewUrl ? (
          <img
            src={previewUrl}
            alt="Preview of the new avatar"
            className="h-16 w-16 rounded-full object-cover"
          />
        ) : (
          <BotAvatar bot={bot.handle ? bot : { ...bot, handle: "new" }} size={64} />
        )}
        <input
          ref={input}
          id={id}
          type="file"
          accept={ACCEPTED.join(",")}
          className="sr-only"
          aria-describedby={`${id}-hint${shown ? ` ${id}-error` : ""}`}
          onChange={(event) => {
            const file = event.target.files?.[0];
            event.target.value = "";
            if (!file) return;
            const reason = avatarProblem(file);
            setProblem(reason);
            if (reason) return;
            showPreview(file);
            onPick(file);
          }}
        />
        <Button size="sm" disabled={busy} onClick={() => input.current?.click()}>
          {busy ? "Uploading…" : "Choose a picture"}
        </Button>
        {onRemove && (
          <Button size="sm" variant="ghost" disabled={busy} onClick={onRemove}>
            Remove
          </Button>
        )}
      </div>
      <p id={`${id}-hint`} className="text-xs text-muted">
        PNG, JPEG, WebP or GIF, up to 2 MB. Square pictures look best.
      </p>
      {shown && (
        <p id={`${id}-error`} role="alert" className="text-xs text-danger">
          {shown}
        </p>
      )}
    </div>
  );
}
