import { useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { describeError } from "../api/api-error.js";
import {
  addModelServer,
  modelProvidersKey,
  refreshModels,
  useModelProviders,
} from "../api/models-admin.js";
import { botKeys } from "../api/bots.js";
import { Button } from "../ui/button.js";
import { ErrorNotice } from "../ui/notice.js";
import { Section } from "../ui/section.js";
import { Spinner } from "../ui/spinner.js";
import { TextField } from "../ui/text-field.js";
import { useToast } from "../ui/toast.js";
import { useFormSubmit } from "../ui/use-form-submit.js";
import { ProviderCard } from "./provider-card.js";

/** Models: each vendor and OpenAI-compatible server, its key and status, its model bots. */
export function ModelsTab() {
  const providers = useModelProviders();
  const client = useQueryClient();
  const toast = useToast();
  const [refreshing, setRefreshing] = useState(false);
  const refreshLists = async () => {
    await client.invalidateQueries({ queryKey: modelProvidersKey });
    await client.invalidateQueries({ queryKey: botKeys.all });
  };
  const addForm = useFormSubmit(async (form) => {
    const apiKey = (form.get("api_key") as string).trim();
    const { provider } = await addModelServer({
      name: (form.get("name") as string).trim(),
      base_url: (form.get("base_url") as string).trim(),
      ...(apiKey ? { api_key: apiKey } : {}),
    });
    await refreshLists();
    toast(`${provider.name} is added with ${provider.models_count} models.`);
  });
  const refresh = () => {
    setRefreshing(true);
    void refreshModels()
      .then(refreshLists)
      .then(() => toast("The model lists are read again."))
      .catch((error: unknown) => toast(describeError(error), "error"))
      .finally(() => setRefreshing(false));
  };
  return (
    <div className="flex flex-col gap-4">
      <Section
        title="Providers"
        lead="Each model a provider serves is a bot. Keys are write-only: once saved they are never shown."
      >
        <div>
          <Button disabled={refreshing} onClick={refresh}>
            {refreshing ? "Reading models…" : "Refresh models"}
          </Button>
        </div>
        {providers.isPending && <Spinner label="Loading providers" />}
        {providers.isError && <ErrorNotice error={providers.error} />}
        {providers.data && (
          <ul
            aria-label="Providers"
            className="flex flex-col divide-y divide-line rounded-xl border border-line"
          >
            {providers.data.map((provider) => (
              <ProviderCard key={provider.id} provider={provider} />
            ))}
          </ul>
        )}
      </Section>
      <Section
        title="Add an OpenAI-compatible server"
        lead="Ollama, vLLM, llama.cpp server, OpenRouter, Groq…: its models are read from <base URL>/models."
      >
        <form onSubmit={addForm.onSubmit} className="flex flex-wrap items-end gap-3">
          <TextField label="Name" name="name" required maxLength={40} placeholder="Groq" />
          <TextField
            label="Base URL"
            name="base_url"
            type="url"
            required
            placeholder="https://api.groq.com/openai/v1"
            className="min-w-64 flex-1"
          />
          <TextField label="API key (optional)" name="api_key" type="password" autoComplete="off" />
          <Button type="submit" variant="primary" disabled={addForm.busy}>
            {addForm.busy ? "Adding…" : "Add server"}
          </Button>
        </form>
        {addForm.error && <p className="text-sm text-danger">{addForm.error}</p>}
      </Section>
    </div>
  );
}
