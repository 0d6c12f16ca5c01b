import { useQueryClient } from "@tanstack/react-query";
import { useState, type FormEvent } from "react";
import { deleteUserAvatar, updateDisplayName, uploadUserAvatar } from "../api/account.js";
import { describeError } from "../api/api-error.js";
import { meKey } from "../api/auth.js";
import type { User } from "../api/types.js";
import { AvatarField } from "../bot-editor/avatar-field.js";
import { Badge } from "../ui/badge.js";
import { Button } from "../ui/button.js";
import { ErrorNotice } from "../ui/notice.js";
import { Section } from "../ui/section.js";
import { TextField } from "../ui/text-field.js";
import { useToast } from "../ui/toast.js";
import { nameOf } from "../ui/user-avatar.js";

/** Who the person is to others: email (fixed), display name and avatar. */
export function ProfileSection({ user }: { user: User }) {
  const client = useQueryClient();
  const toast = useToast();
  const [name, setName] = useState(user.display_name ?? "");
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<unknown>();
  const [avatarBusy, setAvatarBusy] = useState(false);
  const [avatarError, setAvatarError] = useState<string>();
  const [pending, setPending] = useState<File | null>(null);
  const save = async (event: FormEvent) => {
    event.preventDefault();
    setSaving(true);
    setError(undefined);
    try {
      const updated = await updateDisplayName(name.trim() || null);
      client.setQueryData(meKey, updated);
      setName(updated.display_name ?? "");
      toast("Display name saved.");
    } catch (failure) {
      setError(failure);
    } finally {
      setSaving(false);
    }
  };
  const changeAvatar = async (change: () => Promise<User>) => {
    setAvatarBusy(true);
    setAvatarError(undefined);
    try {
      client.setQueryData(meKey, await change());
    } catch (failure) {
      setAvatarError(describeError(failure));
    } finally {
      setPending(null);
      setAvatarBusy(false);
    }
  };
  return (
    <Section title="Profile" lead="How you appear in Parlor.">
      <dl className="flex flex-col gap-1 text-sm">
        <dt className="text-muted">Email</dt>
        <dd className="flex items-center gap-2 font-medium break-all">
          {user.email}
          {user.role === "admin" && <Badge tone="accent">Admin</Badge>}
        </dd>
      </dl>
      <form
        onSubmit={(event) => void save(event)}
        className="flex flex-col gap-2 sm:flex-row sm:items-end"
      >
        <TextField
          label="Display name"
          value={name}
          maxLength={64}
          placeholder={user.email}
          hint="Leave it empty to be shown by your email."
          onChange={(event) => setName(event.target.value)}
          className="flex-1"
        />
        <Button type="submit" variant="primary" disabled={saving}>
          {saving ? "Saving…" : "Save name"}
        </Button>
      </form>
      {error !== undefined && <ErrorNotice error={error} />}
      <AvatarField
        bot={{
          handle: user.email,
          display_name: nameOf(user),
          avatar_url: user.avatar_url ?? null,
        }}
        pending={pending}
        busy={avatarBusy}
        {...(avatarError ? { error: avatarError } : {})}
        onPick={(file) => {
          setPending(file);
          void changeAvatar(() => uploadUserAvatar(file));
        }}
        {...(user.avatar_url ? { onRemove: () => void changeAvatar(deleteUserAvatar) } : {})}
      />
    </Section>
  );
}
