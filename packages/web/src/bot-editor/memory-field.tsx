import { RadioGroup } from "../ui/radio-group.js";
import { TextField } from "../ui/text-field.js";

/** How much of a conversation the bot receives with each message. */
export function MemoryField({
  memory,
  lastN,
  error,
  onChange,
}: {
  memory: "all" | "last";
  lastN: string;
  error?: string;
  onChange: (change: { memory?: "all" | "last"; memory_last_n?: string }) => void;
}) {
  return (
    <RadioGroup
      legend="Memory"
      name="memory"
      value={memory}
      onChange={(value) => onChange({ memory: value })}
      options={[
        {
          value: "all",
          label: "All history",
          description: "The bot gets the whole conversation (up to 1,000 messages).",
        },
        {
          value: "last",
          label: "Last messages only",
          description: "The bot gets only the most recent messages: cheaper and faster.",
        },
      ]}
    >
      {memory === "last" && (
        <TextField
          label="Number of messages"
          type="number"
          min={1}
          max={1000}
          required
          value={lastN}
          error={error}
          onChange={(event) => onChange({ memory_last_n: event.target.value })}
          className="sm:max-w-48"
        />
      )}
    </RadioGroup>
  );
}
