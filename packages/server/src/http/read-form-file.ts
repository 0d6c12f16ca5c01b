import type { Context } from "hono";
import { InvalidRequestError } from "../errors.js";

/** The file in multipart/form-data field `file`, or a 400 saying how to send it. */
export async function readFormFile(context: Context): Promise<File> {
  const refusal = new InvalidRequestError("Send the file as multipart/form-data field 'file'");
  let form: Record<string, string | File>;
  try {
    form = await context.req.parseBody();
  } catch {
    throw refusal;
  }
  const file = form.file;
  if (!(file instanceof File)) throw refusal;
  return file;
}
