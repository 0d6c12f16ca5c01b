import { useQueryClient } from "@tanstack/react-query";
import { describeError } from "../api/api-error.js";
import { approveUser, usePendingUsers } from "../api/signup.js";
import { Button } from "../ui/button.js";
import { formatTime } from "../ui/format.js";
import { EmptyState, ErrorNotice } from "../ui/notice.js";
import { Section } from "../ui/section.js";
import { Spinner } from "../ui/spinner.js";
import { useToast } from "../ui/toast.js";

/** Accounts that wait for approval, each with an Approve button. */
export function PendingUsersSection() {
  const pending = usePendingUsers();
  const client = useQueryClient();
  const toast = useToast();
  const approve = (id: string, email: string) =>
    void approveUser(id)
      .then(async () => {
        await client.invalidateQueries({ queryKey: ["admin", "users"] });
        toast(`${email} can sign in now.`);
      })
      .catch((error: unknown) => toast(describeError(error), "error"));
  return (
    <Section
      title="Waiting for approval"
      lead="Accounts that cannot sign in until you approve them."
    >
      {pending.isPending && <Spinner label="Loading accounts waiting for approval" />}
      {pending.isError && <ErrorNotice error={pending.error} />}
      {pending.data?.length === 0 && <EmptyState title="Nobody is waiting" />}
      {pending.data && pending.data.length > 0 && (
        <ul aria-label="Waiting for approval" className="flex flex-col divide-y divide-line">
          {pending.data.map((user) => (
            <li key={user.id} className="flex flex-wrap items-center justify-between gap-2 py-2">
              <span className="flex min-w-0 flex-col">
                <span className="font-medium break-all">{user.email}</span>
                <span className="text-xs text-muted">Signed up {formatTime(user.created_at)}</span>
              </span>
              <Button
                size="sm"
                variant="primary"
                aria-label={`Approve ${user.email}`}
                onClick={() => approve(user.id, user.email)}
              >
                Approve
              </Button>
            </li>
          ))}
        </ul>
      )}
    </Section>
  );
}
