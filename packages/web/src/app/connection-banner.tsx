import { useEffect, useState } from "react";

/** Says so when the browser is offline; replies reattach by themselves once it is back. */
export function ConnectionBanner() {
  const [online, setOnline] = useState(() => navigator.onLine);
  useEffect(() => {
    const update = () => setOnline(navigator.onLine);
    window.addEventListener("online", update);
    window.addEventListener("offline", update);
    return () => {
      window.removeEventListener("online", update);
      window.removeEventListener("offline", update);
    };
  }, []);
  if (online) return null;
  return (
    <div role="status" className="bg-danger-soft px-4 py-2 text-center text-sm text-danger">
      You are offline. Parlor will reconnect when the network is back.
    </div>
  );
}
