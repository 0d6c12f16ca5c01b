import { chromium, type Browser } from "playwright-core";

/** Debian's Chromium; tests never download a browser. `PARLOR_CHROMIUM` points elsewhere. */
export const CHROMIUM_PATH = process.env.PARLOR_CHROMIUM ?? "/usr/bin/chromium";

/**
 * Headless Chromium as the e2e tests and screenshot scripts drive it. The flags keep it from
 * reaching for Google's services, which this machine's closed network refuses.
 */
export function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM_PATH,
    headless: true,
    args: [
      "--no-sandbox",
      "--disable-gpu",
      "--disable-quic",
      "--no-first-run",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
      "--disable-dev-shm-usage",
    ],
  });
}
