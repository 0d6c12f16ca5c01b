import { RadioGroup } from "../ui/radio-group.js";
import type { CreatorKind } from "./bot-form-values.js";

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
    return (
      <p className="text-sm">Server bot (webhook): Parlor calls your server for every reply.</p>
    );
  }
  return (
    <RadioGroup
      legend="How the bot answers"
      name="kind"
      value={value}
      onChange={onChange}
      options={[
        {
          value: "server",
          label: "Server bot (webhook)",
          description: "Your own server speaks the Poe protocol; Parlor calls it for every reply.",
        },
      ]}
    />
  );
}
