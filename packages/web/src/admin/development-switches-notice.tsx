import { useAdminStatus } from "../api/admin-status.js";

/** What each development switch lets happen, in words an admin can act on. */
const SWITCH_EFFECTS: Record<string, string> = {
  PARLOR_ALLOW_LOOPBACK_BOTS:
    "any user's bot may reach this machine's loopback addresses (127.0.0.1, ::1, localhost), and the services listening there.",
};

/**
 * A warning at the top of the admin page while a development switch is on, so a setting meant
 * for a laptop is not forgotten on a shared server. Shows nothing otherwise.
 */
export function DevelopmentSwitchesNotice() {
  const { data: status } = useAdminStatus();
  const switches = status?.development_switches ?? [];
  if (switches.length === 0) return null;
  return (
    <div
      role="status"
      aria-label="Development switches"
      className="mb-4 rounded-lg bg-danger-soft px-3 py-2 text-sm text-danger"
    >
      {switches.map((name) => (
        <p key={name}>
          <strong>{name}=true is on</strong> (a development switch):{" "}
          {SWITCH_EFFECTS[name] ?? "it makes this platform less safe than its defaults."} Turn it
          off on a shared server, and list local bots in PARLOR_ALLOWED_BOT_HOSTS instead.
        </p>
      ))}
    </div>
  );
}
