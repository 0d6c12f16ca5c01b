import { useState, type FormEvent } from "react";
import { describeError } from "../api/api-error.js";

/**
 * A form's submit handler that reads its fields, runs `action` while `busy`, and keeps its
 * failure in words as `error` (cleared on the next try).
 */
export function useFormSubmit(action: (form: FormData) => Promise<void>) {
  const [error, setError] = useState<string>();
  const [busy, setBusy] = useState(false);
  const submit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    setBusy(true);
    setError(undefined);
    try {
      await action(form);
    } catch (failure) {
      setError(describeError(failure));
    } finally {
      setBusy(false);
    }
  };
  return { error, busy, onSubmit: (event: FormEvent<HTMLFormElement>) => void submit(event) };
}
