/* global window, document, requestAnimationFrame */
// bench/ui-streaming: a ~2,000-token Markdown reply streamed at 100 tokens/s into the real chat
// page in headless Chromium, against a control page (control/) that re-renders the whole message
// on every token. Prints long tasks over 50 ms, scripting time and frames per second for both,
// the ratio of scripting time to the control's, the chat page's initial JavaScript (gzip), and
// how long the page takes to be usable at 4x CPU slowdown. Run: npm run bench:ui
import { spawn } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { createServer } from "node:http";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { join, extname } from "node:path";
import { fileURLToPath } from "node:url";
import { gzipSync } from "node:zlib";
import { REPLY, TOKENS } from "./reply.mjs";

const root = fileURLToPath(new URL("../..", import.meta.url));
const webRequire = createRequire(join(root, "packages/web/package.json"));
const { chromium } = webRequire("playwright-core");
const { build } = await import(webRequire.resolve("vite"));
const { defineBot, meta } = await import(join(root, "packages/sdk/dist/index.js"));
const { serve } = await import(join(root, "packages/sdk/dist/node.js"));

const TOKEN_INTERVAL_MS = 10; // 100 tokens per second
const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));
const cleanup = [];

/** The bot: the reply, one token every 10 ms. */
const bot = await serve(
  defineBot({
    async *onQuery() {
      yield meta({ suggestedReplies: false });
      for (const token of TOKENS) {
        await sleep(TOKEN_INTERVAL_MS);
        yield token;
      }
    },
  }),
  { host: "127.0.0.1", port: 0, accessKey: "b".repeat(32) },
);
cleanup.push(() => bot.close());

/** The platform, as `npm start` runs it, on a temp folder. */
const dataDir = mkdtempSync(join(tmpdir(), "parlor-bench-ui-"));
const platform = spawn(process.execPath, [join(root, "packages/cli/bin/parlor.js"), "start"], {
  env: {
    ...process.env,
    PORT: "0",
    HOST: "127.0.0.1",
    PARLOR_DATA_DIR: dataDir,
    // The bench's bot runs on this machine; the platform refuses loopback bots by default.
    PARLOR_ALLOW_LOOPBACK_BOTS: "true",
    LOG_LEVEL: "silent",
  },
  stdio: ["ignore", "pipe", "inherit"],
});
cleanup.push(
  () => platform.kill(),
  () => rmSync(dataDir, { recursive: true, force: true }),
);
const url = await new Promise((resolve) =>
  platform.stdout.on("data", (chunk) => {
    const match = /running at (\S+)/.exec(chunk.toString());
    if (match) resolve(match[1]);
  }),
);

const api = async (method, path, body, cookie = "") => {
  const response = await fetch(url + path, {
    method,
    headers: { "content-type": "application/json", cookie },
    body: body && JSON.stringify(body),
  });
  return response;
};
const account = { email: "bench@example.com", password: "a long bench password" };
await api("POST", "/api/auth/signup", account);
const login = await api("POST", "/api/auth/login", account);
const session = /parlor_session=([^;]+)/.exec(login.headers.get("set-cookie"))[1];
const cookie = `parlor_session=${session}`;
await api(
  "POST",
  "/api/bots",
  { handle: "bench", server_url: bot.url, access_key: "b".repeat(32) },
  cookie,
);
const newConversation = async () =>
  (await (await api("POST", "/api/conversations", { bot: "bench" }, cookie)).json()).conversation
    .id;

/** The control page, built with the same Vite and libraries into a temp folder, served locally. */
const controlDir = mkdtempSync(join(tmpdir(), "parlor-bench-control-"));
cleanup.push(() => rmSync(controlDir, { recursive: true, force: true }));
await build({
  root: fileURLToPath(new URL("./control", import.meta.url)),
  base: "./",
  logLevel: "silent",
  build: { outDir: controlDir, emptyOutDir: true },
  plugins: [
    (await import(webRequire.resolve("@vitejs/plugin-react"))).default(),
    (await import(webRequire.resolve("@tailwindcss/vite"))).default(),
  ],
  cacheDir: join(controlDir, ".vite"),
});
const types = {
  ".html": "text/html",
  ".js": "text/javascript",
  ".css": "text/css",
  ".woff2": "font/woff2",
};
const controlServer = createServer((request, response) => {
  const path = request.url === "/" ? "/index.html" : request.url.split("?")[0];
  try {
    const body = readFileSync(join(controlDir, path));
    response.writeHead(200, { "content-type": types[extname(path)] ?? "application/octet-stream" });
    response.end(body);
  } catch {
    response.writeHead(404).end();
  }
});
await new Promise((resolve) => controlServer.listen(0, "127.0.0.1", resolve));
cleanup.push(() => controlServer.close());
const controlUrl = `http://127.0.0.1:${controlServer.address().port}/`;

const browser = await chromium.launch({
  executablePath: process.env.PARLOR_CHROMIUM ?? "/usr/bin/chromium",
  headless: true,
  args: [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
  ],
});
cleanup.push(() => browser.close());

/** Counts long tasks and frames from the page itself. */
const observe = () => {
  window.__longTasks = [];
  new PerformanceObserver((list) => {
    for (const entry of list.getEntries())
      window.__longTasks.push({
        duration: entry.duration,
        at: entry.startTime - (window.__startedAt ?? 0),
      });
  }).observe({ type: "longtask", buffered: true });
  window.__frames = 0;
  const tick = () => {
    window.__frames++;
    requestAnimationFrame(tick);
  };
  requestAnimationFrame(tick);
};

/** Runs `start` on a fresh page and measures until `finished` holds. */
async function measure(name, goto, start, finished) {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  await context.addCookies([{ name: "parlor_session", value: session, url }]);
  const page = await context.newPage();
  await page.addInitScript(observe);
  await goto(page);
  const cdp = await context.newCDPSession(page);
  await cdp.send("Performance.enable");
  const scriptBefore = metric(await cdp.send("Performance.getMetrics"), "ScriptDuration");
  await page.evaluate(() => {
    window.__longTasks.length = 0;
    window.__frames = 0;
    window.__startedAt = performance.now();
  });
  if (process.env.BENCH_PROFILE) {
    await cdp.send("Profiler.enable");
    await cdp.send("Profiler.start");
  }
  await start(page);
  await page.waitForFunction(finished, undefined, { timeout: 120_000, polling: 100 });
  if (process.env.BENCH_PROFILE) printHotspots(name, (await cdp.send("Profiler.stop")).profile);
  const scriptAfter = metric(await cdp.send("Performance.getMetrics"), "ScriptDuration");
  const { longTasks, frames, seconds } = await page.evaluate(() => ({
    longTasks: window.__longTasks,
    frames: window.__frames,
    seconds: (performance.now() - window.__startedAt) / 1000,
  }));
  await context.close();
  if (process.env.BENCH_PROFILE)
    console.log(
      `long tasks of ${name} (ms after start: duration):`,
      longTasks.map((task) => `${Math.round(task.at)}: ${Math.round(task.duration)}`).join(", "),
    );
  return {
    name,
    longTasks: longTasks.length,
    worstTaskMs: Math.round(Math.max(0, ...longTasks.map((task) => task.duration))),
    scriptingMs: Math.round((scriptAfter - scriptBefore) * 1000),
    fps: Math.round((frames / seconds) * 10) / 10,
    seconds: Math.round(seconds * 10) / 10,
  };
}

/** BENCH_PROFILE=1: the functions with the most self time, to see where scripting goes. */
function printHotspots(name, profile) {
  const interval = (profile.endTime - profile.startTime) / profile.samples.length / 1000;
  const counts = new Map();
  for (const id of profile.samples) counts.set(id, (counts.get(id) ?? 0) + 1);
  const byFunction = new Map();
  for (const node of profile.nodes) {
    const { functionName, url, lineNumber } = node.callFrame;
    if (!url) continue;
    const key = `${functionName || "(anonymous)"} ${url.split("/").pop()}:${lineNumber + 1}`;
    byFunction.set(key, (byFunction.get(key) ?? 0) + (counts.get(node.id) ?? 0) * interval);
  }
  const top = [...byFunction].sort((a, b) => b[1] - a[1]).slice(0, 15);
  console.log(`\nhotspots of ${name} (self ms):`);
  for (const [key, ms] of top) console.log(`${ms.toFixed(0).padStart(7)}  ${key}`);
}

const metric = ({ metrics }, name) => metrics.find((entry) => entry.name === name).value;
const replyDone = () => document.body.innerText.includes("END-OF-REPLY");

const chat = await measure(
  "chat page",
  async (page) => {
    await page.goto(`${url}/c/${await newConversation()}`);
    await page.locator("textarea").first().waitFor();
  },
  async (page) => {
    await page.locator("textarea").first().fill("Stream the benchmark reply");
    await page.keyboard.press("Enter");
  },
  replyDone,
);
const control = await measure(
  "control (whole re-render per token)",
  (page) => page.goto(controlUrl),
  (page) =>
    page.evaluate(([tokens, ms]) => window.__startControl(tokens, ms), [TOKENS, TOKEN_INTERVAL_MS]),
  replyDone,
);

/** The chat page's first JavaScript: the entry script and its module preloads, gzipped. */
const index = readFileSync(join(root, "packages/web/dist/index.html"), "utf8");
const scripts = [...index.matchAll(/(?:src|href)="(\/assets\/[^"]+\.js)"/g)].map(
  (match) => match[1],
);
const initialJsGzip = scripts.reduce(
  (sum, path) => sum + gzipSync(readFileSync(join(root, "packages/web/dist", path))).length,
  0,
);

/** Time until the composer can take focus, at 4x CPU slowdown. */
const slowContext = await browser.newContext();
await slowContext.addCookies([{ name: "parlor_session", value: session, url }]);
const slowPage = await slowContext.newPage();
const slowCdp = await slowContext.newCDPSession(slowPage);
await slowCdp.send("Emulation.setCPUThrottlingRate", { rate: 4 });
const conversationId = await newConversation();
await slowPage.goto(`${url}/c/${conversationId}`, { waitUntil: "commit" });
await slowPage.locator("textarea").first().waitFor({ state: "visible" });
await slowPage.locator("textarea").first().focus();
const usableMs = Math.round(await slowPage.evaluate(() => performance.now()));
await slowContext.close();

console.log(
  `\nbench/ui-streaming: ${TOKENS.length} tokens (${REPLY.length} characters) at 100 tokens/s\n`,
);
console.table([chat, control]);
console.log(
  `scripting: chat page ${chat.scriptingMs} ms vs control ${control.scriptingMs} ms = ` +
    `${((chat.scriptingMs / control.scriptingMs) * 100).toFixed(1)}% of the control (goal: at most 5%)`,
);
console.log(
  `long tasks over 50 ms: chat page ${chat.longTasks} (goal 0), control ${control.longTasks}`,
);
console.log(
  `initial JavaScript of the chat page: ${(initialJsGzip / 1024).toFixed(1)} KB gzipped (goal: at most 250 KB)`,
);
console.log(
  `composer usable at 4x CPU slowdown: ${usableMs} ms after navigation (goal: within 1,000 ms)`,
);

for (const step of cleanup.reverse()) await step();
process.exit(0);
