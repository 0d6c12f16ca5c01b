import tailwindcss from "@tailwindcss/vite";
import react from "@vitejs/plugin-react";
import { defineConfig } from "vite";

/** Where `npm run dev` sends API calls: a platform started with `npm start`. */
const platformUrl = process.env.PARLOR_URL ?? "http://127.0.0.1:8080";
const proxied = ["/api", "/bot", "/v1", "/files", "/healthz"];

export default defineConfig({
  plugins: [react(), tailwindcss()],
  // The platform replaces this placeholder with a fresh nonce per page (strict CSP).
  html: { cspNonce: "PARLOR_CSP_NONCE" },
  build: {
    outDir: "dist",
    sourcemap: true,
    chunkSizeWarningLimit: 800,
    // Fonts stay files: the CSP allows font-src 'self', not data: URLs.
    assetsInlineLimit: (file) => (/\.(woff2?|ttf)$/.test(file) ? false : undefined),
  },
  server: {
    proxy: Object.fromEntries(proxied.map((path) => [path, { target: platformUrl }])),
  },
});
