import { useQueryClient } from "@tanstack/react-query";
import { useDeferredValue, useState } from "react";
import { deleteAdminUser, updateAdminUser, useAdminUsers, type AdminUser } from "../api/admin.js";
import { useMe } from "../api/auth.js";
import { describeError } from "../api/api-error.js";
import { Badge } from "../ui/badge.js";
import { Button } from "../ui/button.js";
import { ConfirmDialog } from "../ui/confirm-dialog.js";
import { formatTime } from "../ui/format.js";
import { EmptyState, ErrorNotice } from "../ui/notice.js";
import { Spinner } from "../ui/spinner.js";
import { useToast } from "../ui/toast.js";
import { SearchField } from "./search-field.js";

/** Every account: search by email, disable or enable, give or take the admin role, delete. */
export function UsersTab() {
  const [search, setSearch] = useState("");
  const query = useDeferredValue(search.trim());
  const users = useAdminUsers(query);
  const { data: me } = useMe();
  const client = useQueryClient();
  const toast = useToast();
  const [disabling, setDisabling] = useState<AdminUser>();
  const [deleting, setDeleting] = useState<AdminUser>();
  const change = async (
    user: AdminUser,
    patch: Parameters<typeof updateAdminUser>[1],
    done: string,
  ) => {
    await updateAdminUser(user.id, patch);
    await client.invalidateQueries({ queryKey: ["admin", "users"] });
    toast(done);
  };
  const changeOrSay = (
    user: AdminUser,
    patch: Parameters<typeof updateAdminUser>[1],
    done: string,
  ) =>
    void change(user, patch, done).catch((error: unknown) => toast(describeError(error), "error"));
  const list = users.data?.pages.flatMap((page) => page.users) ?? [];
  return (
    <div className="flex flex-col gap-4">
      <SearchField label="Search users" value={search} placeholder="Email" onChange={setSearch} />
      {users.isPending && <Spinner label="Loading users" />}
      {users.isError && <ErrorNotice error={users.error} />}
      {users.isSuccess && list.length === 0 && <EmptyState title="No user matches" />}
      {list.length > 0 && (
        <ul
          aria-label="Users"
          className="flex flex-col divide-y divide-line rounded-xl border border-line bg-raised"
        >
          {list.map((user) => (
            <li
              key={user.id}
              className="flex flex-wrap items-center justify-between gap-2 px-3 py-2.5"
            >
              <div className="flex min-w-0 flex-col gap-0.5">
                <span className="flex flex-wrap items-center gap-2">
                  <span className="font-medium break-all">{user.email}</span>
                  {user.role === "admin" && <Badge tone="accent">Admin</Badge>}
                  {user.disabled_at !== null && <Badge tone="danger">Disabled</Badge>}
                  {user.status === "pending" && <Badge>Waiting for approval</Badge>}
                  {user.id === me?.id && <Badge>You</Badge>}
                </span>
                <span className="text-xs text-muted">Joined {formatTime(user.created_at)}</span>
              </div>
              {user.id !== me?.id && (
                <div className="flex flex-wrap gap-2">
                  <Button
                    size="sm"
                    aria-label={`${user.role === "admin" ? "Remove admin from" : "Make admin"} ${user.email}`}
                    onClick={() =>
                      user.role === "admin"
                        ? changeOrSay(
                            user,
                            { role: "user" },
                            `${user.email} is no longer an admin.`,
                          )
                        : changeOrSay(user, { role: "admin" }, `${user.email} is an admin now.`)
                    }
                  >
                    {user.role === "admin" ? "Remove admin" : "Make admin"}
                  </Button>
                  {user.disabled_at === null ? (
                    <Button
                      size="sm"
                      aria-label={`Disable ${user.email}`}
                      onClick={() => setDisabling(user)}
                    >
                      Disable
                    </Button>
                  ) : (
                    <Button
                      size="sm"
                      aria-label={`Enable ${user.email}`}
                      onClick={() =>
                        changeOrSay(user, { disabled: false }, `${user.email} can sign in again.`)
                      }
                    >
                      Enable
                    </Button>
                  )}
                  <Button
                    size="sm"
                    aria-label={`Delete ${user.email}`}
                    onClick={() => setDeleting(user)}
                  >
                    Delete
                  </Button>
                </div>
              )}
            </li>
          ))}
        </ul>
      )}
      {users.hasNextPage && (
        <div>
          <Button disabled={users.isFetchingNextPage} onClick={() => void users.fetchNextPage()}>
            {users.isFetchingNextPage ? "Loading…" : "Load more users"}
          </Button>
        </div>
      )}
      <ConfirmDialog
        open={disabling !== undefined}
        onOpenChange={(open) => !open && setDisabling(undefined)}
        title={`Disable ${disabling?.email ?? ""}?`}
        description="They are signed out everywhere and cannot sign in or use their API keys until you enable them again."
        confirmLabel="Disable user"
        onConfirm={() => change(disabling!, { disabled: true }, `${disabling!.email} is disabled.`)}
      />
      <ConfirmDialog
        open={deleting !== undefined}
        onOpenChange={(open) => !open && setDeleting(undefined)}
        title={`Delete ${deleting?.email ?? ""}?`}
        description="Their account is deleted with their bots (and everyone's conversations with them), conversations, files and API keys. This cannot be undone."
        confirmLabel="Delete user"
        onConfirm={async () => {
          await deleteAdminUser(deleting!.id);
          await client.invalidateQueries({ queryKey: ["admin"] });
          toast(`${deleting!.email} is deleted.`);
        }}
      />
    </div>
  );
}
