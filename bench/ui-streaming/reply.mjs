// The benchmark's reply: about 2,000 tokens of Markdown with prose, lists, a table, three code
// blocks and math, split into tokens the way a model streams them (a word and its space).

const prose = (n) =>
  Array.from(
    { length: n },
    (_, i) =>
      `Sentence ${i + 1} explains how a streamed reply settles block by block while the reader keeps reading calmly.`,
  ).join(" ");

const code = (language, lines) =>
  [
    "```" + language,
    ...Array.from({ length: lines }, (_, i) => `const value${i} = compute(${i}, "text ${i}");`),
    "```",
  ].join("\n");

const sections = [
  "# Streaming a long answer",
  prose(17),
  "## A list of points",
  Array.from(
    { length: 12 },
    (_, i) => `- Point **${i + 1}** with \`inline code\` and a [link](https://example.com/${i})`,
  ).join("\n"),
  prose(15),
  "| Name | Value | Note |\n| ---- | ----- | ---- |\n" +
    Array.from({ length: 14 }, (_, i) => `| row ${i} | ${i * 7} | note about row ${i} |`).join(
      "\n",
    ),
  code("ts", 20),
  prose(15),
  "Inline math $a^2 + b^2 = c^2$ and a display formula:",
  "$$\n\\int_0^1 x^2 \\, dx = \\frac{1}{3}\n$$",
  code("python", 18),
  prose(15),
  "1. First step\n2. Second step\n3. Third step",
  code("bash", 10),
  prose(17),
  "END-OF-REPLY",
];

/** The whole reply text. */
export const REPLY = sections.join("\n\n");

/** The reply as tokens: each word with the whitespace after it. */
export const TOKENS = REPLY.match(/\S+\s*/g);
