import { useQueryClient } from "@tanstack/react-query";
import { useRef } from "react";
import { setBotHidden } from "../api/admin.js";
import { describeError } from "../api/api-error.js";
import {
  modelProvidersKey,
  removeModelProvider,
  updateModelProvider,
  type ModelProviderView,
} from "../api/models-admin.js";
import { botKeys } from "../api/bots.js";
import { Badge } from "../ui/badge.js";
import { Button } from "../ui/button.js";
import { TextField } from "../ui/text-field.js";
import { useToast } from "../ui/toast.js";
import { useFormSubmit } from "../ui/use-form-submit.js";

const STATUS: Record<
  ModelProviderView["status"],
  { label: string; tone: "success" | "danger" | "neutral" }
> = {
  ok: { label: "OK", tone: "success" },
  key_wrong: { label: "Key wrong", tone: "danger" },
  unreachable: { label: "Unreachable", tone: "danger" },
  not_configured: { label: "Not configured", tone: "neutral" },
  disabled: { label: "Switched off", tone: "neutral" },
  checking: { label: "Checking…", tone: "neutral" },
};

/** One provider: its status, its key (write-only), switching it and its model bots. */
export function ProviderCard({ provider }: { provider: ModelProviderView }) {
  const client = useQueryClient();
  const toast = useToast();
  const refresh = async () => {
    await client.invalidateQueries({ queryKey: modelProvidersKey });
    await client.invalidateQueries({ queryKey: botKeys.all });
  };
  const act = (action: () => Promise<unknown>, done: string) =>
    void action()
      .then(refresh)
      .then(() => toast(done))
      .catch((error: unknown) => toast(describeError(error), "error"));
  const keyFormElement = useRef<HTMLFormElement>(null);
  const keyForm = useFormSubmit(async (form) => {
    const key = (form.get("api_key") as string).trim();
    if (!key) return;
    await updateModelProvider(provider.id, { api_key: key });
    // The key is write-only: it leaves the page once saved.
    keyFormElement.current?.reset();
    await refresh();
    toast(`The ${provider.name} key is saved.`);
  });
  const status = STATUS[provider.status];
  const keyFromEnvironment = provider.key_source === "environment";
  return (
    <li className="flex flex-col gap-3 px-4 py-3" aria-label={provider.name}>
      <div className="flex flex-wrap items-center justify-between gap-2">
        <span className="flex flex-wrap items-center gap-2">
          <span className="font-medium">{provider.name}</span>
          <Badge tone={status.tone}>{status.label}</Badge>
          <Badge>{provider.models_count} models</Badge>
          {provider.source === "autodiscovered" && (
            <Badge tone="accent">Found on this machine</Badge>
          )}
        </span>
        <span className="flex flex-wrap gap-2">
          {provider.editable && (
            <Button
              size="sm"
              onClick={() =>
                act(
                  () => updateModelProvider(provider.id, { enabled: !provider.enabled }),
                  `${provider.name} is switched ${provider.enabled ? "off" : "on"}.`,
                )
              }
            >
              {provider.enabled ? "Switch off" : "Switch on"}
            </Button>
          )}
          {provider.removable && (
            <Button
              size="sm"
              onClick={() =>
                act(() => removeModelProvider(provider.id), `${provider.name} is removed.`)
              }
            >
              Remove
            </Button>
          )}
        </span>
      </div>
      {provider.base_url && (
        <span className="text-xs break-all text-muted">{provider.base_url}</span>
      )}
      {provider.status_message && <p className="text-sm text-danger">{provider.status_message}</p>}
      {provider.editable && provider.kind !== "openai_compatible" && (
        <form
          ref={keyFormElement}
          onSubmit={keyForm.onSubmit}
          className="flex flex-wrap items-end gap-2"
        >
          <TextField
            label={`API key (${provider.api_key}${keyFromEnvironment ? ", from the environment" : ""})`}
            name="api_key"
            type="password"
            autoComplete="off"
            placeholder={provider.api_key === "set" ? "Replace the key" : "Paste a key"}
            disabled={keyFromEnvironment}
            error={keyForm.error}
            className="min-w-64 flex-1"
          />
          <Button type="submit" variant="primary" disabled={keyForm.busy || keyFromEnvironment}>
            Save key
          </Button>
          {provider.key_source === "admin" && (
            <Button
              onClick={() =>
                act(
                  () => updateModelProvider(provider.id, { api_key: null }),
                  "The key is cleared.",
                )
              }
            >
              Clear key
            </Button>
          )}
        </form>
      )}
      {provider.bots.length > 0 && (
        <ul aria-label={`Models of ${provider.name}`} className="flex flex-wrap gap-2">
          {provider.bots.map((bot) => (
            <li key={bot.handle}>
              <Button
                size="sm"
                aria-label={`${bot.hidden ? "Enable" : "Disable"} ${bot.display_name}`}
                title={bot.model_id ?? undefined}
                onClick={() =>
                  act(
                    () => setBotHidden(bot.handle, !bot.hidden),
                    `${bot.display_name} is ${bot.hidden ? "enabled" : "disabled"}.`,
                  )
                }
              >
                {bot.display_name} {bot.hidden ? "(disabled)" : bot.listed ? "" : "(not listed)"}
              </Button>
            </li>
          ))}
        </ul>
      )}
    </li>
  );
}
