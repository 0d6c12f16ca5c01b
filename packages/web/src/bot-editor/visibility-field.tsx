import type { Visibility } from "../api/types.js";
import { RadioGroup } from "../ui/radio-group.js";

/** Who may find and use the bot, each choice explained in a line. */
export function VisibilityField({
  value,
  onChange,
}: {
  value: Visibility;
  onChange: (visibility: Visibility) => void;
}) {
  return (
    <RadioGroup
      legend="Who can use it"
      name="visibility"
      value={value}
      onChange={onChange}
      options={[
        { value: "private", label: "Private", description: "Only you can find and chat with it." },
        {
          value: "unlisted",
          label: "Unlisted",
          description: "Anyone with the link can chat with it; it is not listed in Explore.",
        },
        {
          value: "public",
          label: "Public",
          description: "Everyone on this Parlor can find it in Explore and chat with it.",
        },
      ]}
    />
  );
}
