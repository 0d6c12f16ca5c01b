import type { Attachment, ProtocolMessage, QueryRequest } from "@parlor/protocol";
import { describe, expect, it } from "vitest";
import { attachmentTemplates } from "./attachment-templates.js";
import { insertAttachmentMessages } from "./insert-attachment-messages.js";

function attachment(
  fields: Pick<Attachment, "url" | "name" | "content_type"> & Partial<Attachment>,
): Attachment {
  return { inline_ref: null, parsed_content: null, ...fields };
}

function message(
  fields: Pick<ProtocolMessage, "role" | "content"> & Partial<ProtocolMessage>,
): ProtocolMessage {
  return {
    message_type: null,
    sender_id: null,
    sender: null,
    parameters: {},
    content_type: "text/markdown",
    timestamp: 0,
    message_id: "",
    feedback: [],
    attachments: [],
    metadata: null,
    referenced_message: null,
    reactions: [],
    ...fields,
  };
}

function queryRequest(query: ProtocolMessage[]): QueryRequest {
  return {
    version: "1.2",
    type: "query",
    query,
    user_id: "u-1",
    conversation_id: "c-1",
    message_id: "m-1",
    metadata: "",
    api_key: "<missing>",
    access_key: "<missing>",
    temperature: null,
    skip_system_prompt: false,
    logit_bias: {},
    stop_sequences: [],
    language_code: "en",
    adopt_current_bot_name: null,
    bot_query_id: "",
    users: [],
    tools: null,
    tool_calls: null,
    tool_results: null,
    query_creation_time: null,
    extra_params: null,
  };
}

// Inserted messages are anonymous user turns, like fastapi_poe's (an empty sender).
const inserted = (content: string) =>
  message({ role: "user", content, sender: { id: null, name: null } });

const base = "https://pfst.cf2.poecdn.net/base";
const text = attachment({
  url: `${base}/text/test.txt`,
  name: "test.txt",
  content_type: "text/plain",
  parsed_content: "Hello, world!",
});
const namedImage = attachment({
  url: `${base}/image/test.png`,
  name: "test.png",
  content_type: "image/png",
  parsed_content: "test.png***Hello, world!",
});
const unnamedImage = attachment({
  url: `${base}/image/test.png`,
  name: "testimage2.jpg",
  content_type: "image/jpeg",
  parsed_content: "Hello, world!",
});
const pdf = attachment({
  url: `${base}/application/test.pdf`,
  name: "test.pdf",
  content_type: "application/pdf",
  parsed_content: "Hello, world!",
});
const html = attachment({
  url: `${base}/text/test.html`,
  name: "test.html",
  content_type: "text/html",
  parsed_content: "Hello, world!",
});
const video = attachment({
  url: `${base}/video/test.mp4`,
  name: "test.mp4",
  content_type: "video/mp4",
  parsed_content: "Hello, world!",
});

describe("insertAttachmentMessages", () => {
  it("inserts text, pdf and html messages, then images, before the last message; skips video", () => {
    const first = message({ role: "user", content: "Hello, world!" });
    const last = message({
      role: "user",
      content: "Here's some attachments",
      attachments: [text, namedImage, unnamedImage, pdf, html, video],
    });
    const result = insertAttachmentMessages(queryRequest([first, last]));
    expect(result.query).toEqual([
      first,
      inserted(attachmentTemplates.text({ name: "test.txt", content: "Hello, world!" })),
      inserted(attachmentTemplates.text({ name: "test.pdf", content: "Hello, world!" })),
      inserted(attachmentTemplates.url({ name: "test.html", content: "Hello, world!" })),
      inserted(attachmentTemplates.image({ fileName: "test.png", description: "Hello, world!" })),
      inserted(
        attachmentTemplates.image({ fileName: "testimage2.jpg", description: "Hello, world!" }),
      ),
      last,
    ]);
  });

  it("wraps an image description in image_analysis tags and splits only on the first ***", () => {
    const image = attachment({
      url: `${base}/image/a.png`,
      name: "a.png",
      content_type: "image/png",
      parsed_content: "cat.png***a cat *** on a mat",
    });
    const result = insertAttachmentMessages(
      queryRequest([message({ role: "user", content: "what is it?", attachments: [image] })]),
    );
    expect(result.query[0]?.content).toContain("(cat.png)");
    expect(result.query[0]?.content).toContain(
      "<image_analysis>a cat *** on a mat</image_analysis>",
    );
  });

  it("names the file and includes its content for text attachments", () => {
    const result = insertAttachmentMessages(
      queryRequest([message({ role: "user", content: "sum up", attachments: [pdf] })]),
    );
    expect(result.query[0]?.content).toContain("test.pdf");
    expect(result.query[0]?.content).toMatch(/Hello, world!$/);
  });

  it("does not change the request it is given", () => {
    const request = queryRequest([
      message({ role: "user", content: "look", attachments: [text, namedImage] }),
    ]);
    const snapshot = structuredClone(request);
    const result = insertAttachmentMessages(request);
    expect(request).toEqual(snapshot);
    expect(result).not.toBe(request);
    expect(result.query).toHaveLength(3);
  });

  it("returns an equal request when the last message has no parsed attachments", () => {
    const unparsed = attachment({
      url: `${base}/text/raw.txt`,
      name: "raw.txt",
      content_type: "text/plain",
    });
    const empty = { ...text, parsed_content: "" };
    const earlier = message({ role: "user", content: "old", attachments: [text] });
    const request = queryRequest([
      earlier,
      message({ role: "user", content: "new", attachments: [unparsed, empty] }),
    ]);
    expect(insertAttachmentMessages(request)).toEqual(request);
  });

  it("handles a request with no messages", () => {
    expect(insertAttachmentMessages(queryRequest([])).query).toEqual([]);
  });
});
