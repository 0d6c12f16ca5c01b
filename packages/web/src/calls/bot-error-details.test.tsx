import { renderToStaticMarkup } from "react-dom/server";
import { expect, test } from "vitest";
import { BotErrorDetails } from "./bot-error-details.js";

test("shows the bot's raw response as text, never as markup", () => {
  const html = renderToStaticMarkup(
    <BotErrorDetails rawResponse={"Error: database down\n<b>at</b> handler"} />,
  );
  expect(html).toContain("The bot&#x27;s error details");
  expect(html).toContain("Error: database down\n&lt;b&gt;at&lt;/b&gt; handler</pre>");
});
