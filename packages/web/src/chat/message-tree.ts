import type { Message } from "../api/types.js";

/** One row of the chat as it is shown: the greeting, a context divider or a message. */
export type ChatRow =
  | { kind: "greeting"; key: string }
  | { kind: "context"; key: string }
  | {
      kind: "message";
      key: string;
      message: Message;
      /** Where this message hangs in the tree: what a branch choice is remembered by. */
      branchKey: string;
      /** The ids of this message and its alternatives (regenerated or edited), oldest first. */
      siblings: string[];
    };

/** Which child was picked, per branch key; absent means the latest. */
export type BranchSelection = Readonly<Record<string, string>>;

/**
 * The branch of the message tree to show: per context (oldest first, a divider between them),
 * from its root follow the picked child, else the latest, until a message without replies.
 * Messages form a tree through `parent_id`; siblings are regenerated replies or edited resends.
 */
export function selectedBranch(messages: readonly Message[], selection: BranchSelection) {
  const contexts = new Map<string, Message[]>();
  for (const message of messages) {
    const group = contexts.get(message.context_id) ?? [];
    group.push(message);
    contexts.set(message.context_id, group);
  }
  const rows: ChatRow[] = [];
  for (const [contextId, group] of contexts) {
    if (rows.length > 0) rows.push({ kind: "context", key: `context:${contextId}` });
    const ids = new Set(group.map((message) => message.id));
    const children = new Map<string, Message[]>();
    for (const message of group) {
      // A parent in another context (or none) makes a root of this one.
      const parent = message.parent_id && ids.has(message.parent_id) ? message.parent_id : null;
      const key = parent ?? `root:${contextId}`;
      children.set(key, [...(children.get(key) ?? []), message]);
    }
    let branchKey = `root:${contextId}`;
    for (let siblings = children.get(branchKey); siblings?.length;) {
      const ordered = [...siblings].sort((a, b) => a.created_at - b.created_at);
      const picked =
        ordered.find((message) => message.id === selection[branchKey]) ?? ordered.at(-1)!;
      rows.push({
        kind: "message",
        key: picked.id,
        message: picked,
        branchKey,
        siblings: ordered.map((message) => message.id),
      });
      branchKey = picked.id;
      siblings = children.get(branchKey);
    }
  }
  return rows;
}
