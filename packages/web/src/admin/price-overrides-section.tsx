import { useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { describeError } from "../api/api-error.js";
import {
  savePriceOverrides,
  usageKeys,
  usePriceOverrides,
  type PriceOverride,
} from "../api/usage.js";
import { Button } from "../ui/button.js";
import { ErrorNotice } from "../ui/notice.js";
import { Section } from "../ui/section.js";
import { Spinner } from "../ui/spinner.js";
import { useToast } from "../ui/toast.js";
import { EditableRows, parseOptionalNumber, RowInput } from "./editable-rows.js";

interface Draft {
  provider: string;
  model: string;
  input: string;
  output: string;
}

const BLANK: Draft = { provider: "", model: "", input: "", output: "" };

const draftOf = (entry: PriceOverride): Draft => ({
  provider: entry.provider,
  model: entry.model,
  input: String(entry.input_per_million),
  output: String(entry.output_per_million),
});

/** The overrides as the API takes them, or the first problem in words. */
function overridesOf(drafts: Draft[]): PriceOverride[] | string {
  const overrides: PriceOverride[] = [];
  for (const [index, draft] of drafts.entries()) {
    const input = parseOptionalNumber(draft.input);
    const output = parseOptionalNumber(draft.output);
    if (!draft.provider.trim() || !draft.model.trim())
      return `Row ${index + 1} needs a provider and a model.`;
    if (typeof input !== "number" || typeof output !== "number")
      return `Row ${index + 1} needs both prices, as numbers of dollars (0 for free).`;
    overrides.push({
      provider: draft.provider.trim(),
      model: draft.model.trim(),
      input_per_million: input,
      output_per_million: output,
    });
  }
  return overrides;
}

/** The admin's prices per provider and model, for self-hosted models or negotiated prices. */
export function PriceOverridesSection() {
  const prices = usePriceOverrides();
  return (
    <Section
      title="Prices"
      lead={
        <>
          Prices come from the <code>@pydantic/genai-prices</code> package. Set your own for
          self-hosted models (an Ollama server&apos;s name as provider) or to replace a
          vendor&apos;s, in US dollars per million tokens. Replies of a model with no price count as
          unpriced.
        </>
      }
    >
      {prices.isPending && <Spinner label="Loading prices" />}
      {prices.isError && <ErrorNotice error={prices.error} />}
      {prices.data && <PriceEditor saved={prices.data.overrides} />}
    </Section>
  );
}

/** The overrides being edited, starting from the saved ones. */
function PriceEditor({ saved }: { saved: PriceOverride[] }) {
  const client = useQueryClient();
  const toast = useToast();
  const [drafts, setDrafts] = useState(() => saved.map(draftOf));
  const save = () => {
    const overrides = overridesOf(drafts);
    if (typeof overrides === "string") return toast(overrides, "error");
    void savePriceOverrides(overrides)
      .then(() => {
        void client.invalidateQueries({ queryKey: usageKeys.prices });
        toast("Prices saved. They apply to replies from now on.");
      })
      .catch((error: unknown) => toast(describeError(error), "error"));
  };
  return (
    <EditableRows
      rows={drafts}
      onChange={setDrafts}
      blank={BLANK}
      columns="grid-cols-2 sm:grid-cols-4"
      addLabel="Add a price"
      removeLabel={(row, index) => `Remove price ${row.model || index + 1}`}
      renderRow={(row, update) => (
        <>
          <RowInput
            label="Provider"
            placeholder="ollama"
            value={row.provider}
            onChange={(provider) => update({ ...row, provider })}
          />
          <RowInput
            label="Model"
            placeholder="llama3.1:8b"
            value={row.model}
            onChange={(model) => update({ ...row, model })}
          />
          <RowInput
            label="Input $ per 1M tokens"
            placeholder="Input $/1M"
            numeric
            value={row.input}
            onChange={(input) => update({ ...row, input })}
          />
          <RowInput
            label="Output $ per 1M tokens"
            placeholder="Output $/1M"
            numeric
            value={row.output}
            onChange={(output) => update({ ...row, output })}
          />
        </>
      )}
      footer={
        <Button size="sm" variant="primary" onClick={save}>
          Save prices
        </Button>
      }
    />
  );
}
