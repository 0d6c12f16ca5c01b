import { memo, useEffect, useLayoutEffect, useRef, useState } from "react";
import { describeError } from "../api/api-error.js";
import { uploadFile } from "../api/files.js";
import { useBots } from "../api/bots-list.js";
import type { Attachment, Bot } from "../api/types.js";
import { Button } from "../ui/button.js";
import { AttachmentChips } from "./attachment-chips.js";
import { leadingMention } from "./leading-mention.js";
import { MentionPicker } from "./mention-picker.js";
import { ParameterPanel } from "./parameter-panel.js";
import {
  defaultParameterValues,
  parameterControlsOf,
  type ParameterValues,
} from "./parameter-values.js";
import type { Draft } from "./use-chat-actions.js";
import { useMentionPicker } from "./use-mention-picker.js";

/**
 * Where a message is written: a textarea that grows with its text (Enter sends, Shift+Enter is a
 * new line, Esc stops the running reply), attachments when the bot takes them, the bot's
 * parameter controls, and an `@` picker of the bots a message may be for.
 */
export const Composer = memo(function Composer({
  bot,
  running,
  onSend,
  onStop,
}: {
  bot: Bot | undefined;
  /** True while a reply is being written: sending waits, Stop shows. */
  running: boolean;
  onSend: (draft: Draft) => Promise<boolean>;
  onStop: () => void;
}) {
  const [text, setText] = useState("");
  const [caret, setCaret] = useState(0);
  const [attachments, setAttachments] = useState<Attachment[]>([]);
  const [uploading, setUploading] = useState<string[]>([]);
  const [uploadError, setUploadError] = useState<string | null>(null);
  const controls = parameterControlsOf(bot?.settings);
  const [values, setValues] = useState<ParameterValues | null>(null);
  const textarea = useRef<HTMLTextAreaElement>(null);
  const fileInput = useRef<HTMLInputElement>(null);
  const allowAttachments = bot?.settings.allow_attachments === true;
  const mentions = useMentionPicker({
    text,
    caret,
    bots: useBots().data,
    onPick: (picked, at) => {
      setText(picked);
      setCaret(at);
      // After React has put the new text in, so the caret lands behind the mention.
      requestAnimationFrame(() => textarea.current?.setSelectionRange(at, at));
    },
  });

  useEffect(() => textarea.current?.focus(), [bot?.handle]);
  useLayoutEffect(() => {
    const element = textarea.current;
    if (!element) return;
    element.style.height = "auto";
    element.style.height = `${Math.min(element.scrollHeight, 240)}px`;
  }, [text]);

  const canSend = text.trim() !== "" && !running && uploading.length === 0 && bot !== undefined;
  const submit = async () => {
    if (!canSend) return;
    // The controls are the conversation's bot's: a message for another bot does not carry them.
    const mentioned = leadingMention(text);
    const forOtherBot = mentioned !== null && mentioned.toLowerCase() !== bot.handle.toLowerCase();
    const parameters = forOtherBot
      ? {}
      : (values ?? (controls ? defaultParameterValues(controls) : {}));
    const sent = await onSend({ content: text, attachments, parameters });
    if (sent) {
      setText("");
      setCaret(0);
      setAttachments([]);
    }
    textarea.current?.focus();
  };

  const attach = async (files: FileList) => {
    setUploadError(null);
    for (const file of [...files]) {
      setUploading((names) => [...names, file.name]);
      try {
        const uploaded = await uploadFile(file);
        setAttachments((current) => [
          ...current,
          { file_id: uploaded.id, name: uploaded.name, content_type: uploaded.content_type },
        ]);
      } catch (error) {
        setUploadError(`${file.name}: ${describeError(error)}`);
      } finally {
        setUploading((names) => names.filter((name) => name !== file.name));
      }
    }
  };

  return (
    <div className="border-t border-line bg-canvas px-3 pt-2 pb-3">
      <div className="mx-auto w-full max-w-3xl rounded-2xl border border-line bg-raised focus-within:border-accent">
        {controls && (
          <ParameterPanel
            controls={controls}
            values={values ?? defaultParameterValues(controls)}
            onChange={(name, value) =>
              setValues((current) => ({
                ...(current ?? defaultParameterValues(controls)),
                [name]: value,
              }))
            }
          />
        )}
        {(attachments.length > 0 || uploading.length > 0) && (
          <div className="px-3 pt-2">
            <AttachmentChips
              attachments={attachments}
              uploading={uploading}
              onRemove={(id) =>
                setAttachments((current) => current.filter((file) => file.file_id !== id))
              }
            />
          </div>
        )}
        {uploadError && (
          <p role="alert" className="px-3 pt-2 text-xs text-danger">
            {uploadError}
          </p>
        )}
        <div className="relative flex items-end gap-1.5 p-1.5">
          <MentionPicker picker={mentions} />
          {allowAttachments && (
            <>
              <input
                ref={fileInput}
                type="file"
                multiple
                hidden
                aria-label="Attach files"
                onChange={(event) => {
                  if (event.target.files) void attach(event.target.files);
                  event.target.value = "";
                }}
              />
              <Button
                variant="ghost"
                size="icon"
                aria-label="Attach files"
                title="Attach files"
                onClick={() => fileInput.current?.click()}
              >
                <svg
                  aria-hidden="true"
                  viewBox="0 0 24 24"
                  className="h-5 w-5"
                  fill="none"
                  stroke="currentColor"
                  strokeWidth="2"
                >
                  <path d="M21 12.5l-8.5 8.5a5 5 0 01-7-7L14 5.5a3.5 3.5 0 015 5L10.5 19a2 2 0 01-3-3L15 8.5" />
                </svg>
              </Button>
            </>
          )}
          <textarea
            ref={textarea}
            rows={1}
            value={text}
            aria-label={bot ? `Message ${bot.display_name}` : "Message"}
            placeholder={bot ? `Message ${bot.display_name}…` : "Message…"}
            {...mentions.comboboxProps}
            onChange={(event) => {
              setText(event.target.value);
              setCaret(event.target.selectionStart);
            }}
            onSelect={(event) => setCaret(event.currentTarget.selectionStart)}
            onKeyDown={(event) => {
              if (mentions.onKeyDown(event)) return;
              if (event.key === "Enter" && !event.shiftKey && !event.nativeEvent.isComposing) {
                event.preventDefault();
                void submit();
              } else if (event.key === "Escape" && running) {
                event.preventDefault();
                onStop();
              }
            }}
            className="max-h-60 min-h-9 flex-1 resize-none bg-transparent px-2 py-2 text-sm text-ink placeholder:text-muted focus-visible:outline-none"
          />
          {running ? (
            <Button
              variant="secondary"
              size="sm"
              className="h-9"
              onClick={onStop}
              aria-label="Stop the reply"
            >
              Stop
            </Button>
          ) : (
            <Button
              variant="primary"
              size="sm"
              className="h-9"
              disabled={!canSend}
              onClick={() => void submit()}
              aria-label="Send"
            >
              Send
            </Button>
          )}
        </div>
      </div>
    </div>
  );
});
