import { useQueryClient } from "@tanstack/react-query";
import { describeError } from "../api/api-error.js";
import {
  setSignupPolicy,
  signupKeys,
  useSignupSettings,
  type SignupPolicy,
} from "../api/signup.js";
import { ErrorNotice } from "../ui/notice.js";
import { RadioGroup, type RadioOption } from "../ui/radio-group.js";
import { Section } from "../ui/section.js";
import { Spinner } from "../ui/spinner.js";
import { useToast } from "../ui/toast.js";

const POLICIES: RadioOption<SignupPolicy>[] = [
  { value: "open", label: "Open", description: "Anyone can create an account." },
  {
    value: "approval",
    label: "Approval",
    description: "Anyone can ask for an account; it works once an admin approves it.",
  },
  { value: "invite", label: "Invite only", description: "Only people with an invite link." },
  { value: "closed", label: "Closed", description: "Nobody can sign up." },
];

/** Choosing who may sign up, or seeing that the operator chose. */
export function SignupPolicySection() {
  const settings = useSignupSettings();
  const client = useQueryClient();
  const toast = useToast();
  const choose = (policy: SignupPolicy) =>
    void setSignupPolicy(policy)
      .then((updated) => {
        client.setQueryData(signupKeys.settings, updated);
        toast(`Sign-up is now: ${POLICIES.find((option) => option.value === policy)!.label}.`);
      })
      .catch((error: unknown) => toast(describeError(error), "error"));
  const pinned = settings.data?.signup_policy_source === "environment";
  return (
    <Section
      title="Who may sign up"
      lead="The first account is always created, as an admin, whatever this says."
    >
      {settings.isPending && <Spinner label="Loading the sign-up policy" />}
      {settings.isError && <ErrorNotice error={settings.error} />}
      {settings.data && (
        <RadioGroup
          legend="Sign-up policy"
          name="signup-policy"
          value={settings.data.signup_policy}
          options={POLICIES}
          onChange={choose}
          disabled={pinned}
        >
          {pinned && (
            <p className="text-sm text-muted">
              Set by the operator with <code>PARLOR_SIGNUP</code> on the server, so it cannot be
              changed here.
            </p>
          )}
        </RadioGroup>
      )}
    </Section>
  );
}
