import { apiFetch } from "./http.js";

/** A user's upload as `POST /api/files` answers it. */
export interface UploadedFile {
  id: string;
  name: string;
  content_type: string;
  size: number;
}

/** Uploads one file to attach to a message (multipart field `file`). */
export async function uploadFile(file: File, signal?: AbortSignal): Promise<UploadedFile> {
  const form = new FormData();
  form.append("file", file, file.name);
  return (
    await apiFetch<{ file: UploadedFile }>("/api/files", { method: "POST", body: form, signal })
  ).file;
}
