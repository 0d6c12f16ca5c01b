import { describe, expect, it } from "vitest";
import type { Message } from "../api/types.js";
import { selectedBranch } from "./message-tree.js";

let clock = 0;
const message = (id: string, parent: string | null, role: Message["role"], context = "c-1") =>
  ({
    id,
    parent_id: parent,
    role,
    context_id: context,
    created_at: ++clock,
    content: id,
  }) as Message;

const shown = (rows: ReturnType<typeof selectedBranch>) =>
  rows.map((row) => (row.kind === "message" ? row.message.id : `--${row.kind}`));

describe("selectedBranch", () => {
  const messages = [
    message("u1", null, "user"),
    message("b1", "u1", "bot"),
    message("b1-again", "u1", "bot"),
    message("u2", "b1", "user"),
    message("b2", "u2", "bot"),
  ];

  it("shows the latest reply by default, so a regenerated reply replaces the old one", () => {
    const rows = selectedBranch(messages, {});
    expect(shown(rows)).toEqual(["u1", "b1-again"]);
    expect(rows[1]).toMatchObject({ siblings: ["b1", "b1-again"], branchKey: "u1" });
  });

  it("follows a picked older reply and what was said after it", () => {
    expect(shown(selectedBranch(messages, { u1: "b1" }))).toEqual(["u1", "b1", "u2", "b2"]);
  });

  it("makes an edited first message a sibling root, and puts a divider between contexts", () => {
    const more = [
      ...messages,
      message("u1-edit", null, "user"),
      message("u3", null, "user", "c-2"),
      message("b3", "u3", "bot", "c-2"),
    ];
    const rows = selectedBranch(more, {});
    expect(shown(rows)).toEqual(["u1-edit", "--context", "u3", "b3"]);
    expect(rows[0]).toMatchObject({ siblings: ["u1", "u1-edit"] });
  });
});
