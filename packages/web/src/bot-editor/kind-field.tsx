import { RadioGroup } from "../ui/radio-group.js";
import type { CreatorKind } from "./bot-form-values.js";

const kinds: { value: CreatorKind; label: string; description: string }[] = [
  {
    value: "prompt",
    label: "Prompt bot",
    description: "Pick a model (or any bot you may use) and write its instructions. No server.",
  },
  {
    value: "server",
    label: "Server bot (webhook)",
    description: "Your own server speaks the Poe protocol; Parlor calls it for every reply.",
  },
];

/** The kind of bot being made; fixed once the bot exists. */
export function KindField({
  value,
  onChange,
  locked,
}: {
  value: CreatorKind;
  onChange: (kind: CreatorKind) => void;
  locked: boolean;
}) {
  if (locked) {
    const kind = kinds.find((option) => option.value === value)!;
    return (
      <p className="text-sm">
        {kind.label}: {kind.description}
      </p>
    );
  }
  return (
    <RadioGroup
      legend="How the bot answers"
      name="kind"
      value={value}
      onChange={onChange}
      options={kinds}
    />
  );
}
