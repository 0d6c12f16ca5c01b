import { afterEach, describe, expect, it } from "vitest";
import { AttachmentUploadError } from "../errors.js";
import {
  startFakePlatform,
  type FakePlatform,
  type PlatformHandler,
  type RecordedRequest,
} from "./testing/fake-platform.js";
import { uploadFile } from "./upload-file.js";

const platforms: FakePlatform[] = [];
afterEach(async () => {
  await Promise.all(platforms.splice(0).map((platform) => platform.close()));
});

async function start(handler: PlatformHandler) {
  const platform = await startFakePlatform(handler);
  platforms.push(platform);
  return platform;
}

const uploaded: PlatformHandler = (_request, response) =>
  response.writeHead(200, { "content-type": "application/json" }).end(
    JSON.stringify({
      attachment_url: "https://files/abc/report.pdf",
      mime_type: "application/pdf",
    }),
  );

/** Reads a recorded request's form body the way a server framework would. */
function formOf(request: RecordedRequest): Promise<FormData> {
  return new Request("http://platform/", {
    method: "POST",
    headers: { "content-type": String(request.headers["content-type"]) },
    body: request.body,
  }).formData();
}

describe("uploadFile", () => {
  it("asks the platform to download a URL, with the raw key as Authorization", async () => {
    const platform = await start(uploaded);
    const attachment = await uploadFile({
      fileUrl: "https://example.com/files/report.pdf",
      fileName: "q3.pdf",
      apiKey: "bot-key",
      baseUrl: `${platform.url}poe_api/`,
      extraHeaders: { "X-Trace": "t-1" },
    });
    expect(attachment).toEqual({
      url: "https://files/abc/report.pdf",
      contentType: "application/pdf",
      name: "q3.pdf",
      inlineRef: null,
      parsedContent: null,
    });
    const [request] = platform.requests;
    expect(request?.path).toBe("/poe_api/file_upload_3RD_PARTY_POST");
    expect(request?.headers.authorization).toBe("bot-key");
    expect(request?.headers["x-trace"]).toBe("t-1");
    const form = await formOf(request!);
    expect([...form.entries()]).toEqual([
      ["download_url", "https://example.com/files/report.pdf"],
      ["download_filename", "q3.pdf"],
    ]);
  });

  it("names a downloaded file after its URL when no name is given", async () => {
    const platform = await start(uploaded);
    const attachment = await uploadFile({
      fileUrl: "https://example.com/files/my%20report.pdf",
      apiKey: "k",
      baseUrl: platform.url,
    });
    expect(attachment.name).toBe("my report.pdf");
    expect([...(await formOf(platform.requests[0]!)).keys()]).toEqual(["download_url"]);
  });

  it("sends bytes as a multipart file", async () => {
    const platform = await start(uploaded);
    await uploadFile({
      file: new TextEncoder().encode("%PDF-1.7"),
      fileName: "report.pdf",
      apiKey: "k",
      baseUrl: platform.url,
    });
    const file = (await formOf(platform.requests[0]!)).get("file") as File;
    expect(platform.requests[0]?.headers["content-type"]).toMatch(
      /^multipart\/form-data; boundary=/,
    );
    expect(file.name).toBe("report.pdf");
    expect(await file.text()).toBe("%PDF-1.7");
  });

  it("throws AttachmentUploadError with status and body on a 500", async () => {
    const platform = await start((_request, response) => response.writeHead(500).end("disk full"));
    await expect(
      uploadFile({ fileUrl: "https://example.com/a.png", apiKey: "k", baseUrl: platform.url }),
    ).rejects.toThrow(new AttachmentUploadError("500 Internal Server Error: disk full"));
    expect(platform.requests).toHaveLength(1);
  });

  it("retries when the platform cannot be reached", async () => {
    let tries = 0;
    const platform = await start((request, response) => {
      tries += 1;
      if (tries === 1) response.destroy();
      else uploaded(request, response);
    });
    const errors: string[] = [];
    const attachment = await uploadFile({
      fileUrl: "https://example.com/a.pdf",
      apiKey: "k",
      baseUrl: platform.url,
      retrySleepMs: 1,
      onError: (_error, message) => errors.push(message),
    });
    expect(attachment.url).toBe("https://files/abc/report.pdf");
    expect(errors).toEqual(["Upload failed on try 0"]);
  });

  it("needs exactly one of file and fileUrl", async () => {
    await expect(uploadFile({ apiKey: "k" })).rejects.toThrow(TypeError);
    await expect(
      uploadFile({ apiKey: "k", file: new Uint8Array(1), fileUrl: "https://example.com/a" }),
    ).rejects.toThrow(TypeError);
  });
});
