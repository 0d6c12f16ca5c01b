import { afterEach, describe, expect, it } from "vitest";
import { createLogger } from "../logger.js";
import { startTestPlatform, type TestPlatform } from "../testing/test-platform.js";

/** A `report-uri` report, as Chrome and Firefox send it. */
const legacyReport = {
  "csp-report": {
    "document-uri": "https://chat.example.com/c/conv_1?draft=hello",
    referrer: "",
    "violated-directive": "img-src",
    "effective-directive": "img-src",
    "original-policy": "default-src 'self'; img-src 'self'; report-uri /api/csp-report",
    disposition: "enforce",
    "blocked-uri": "https://attacker.example/pixel.png?leak=the%20user%27s%20secret",
    "status-code": 200,
  },
};

/** A Reporting API report of a CSP violation. */
const reportingApiViolation = (directive: string) => ({
  type: "csp-violation",
  age: 10,
  url: "https://chat.example.com/",
  user_agent: "Mozilla/5.0",
  body: {
    documentURL: "https://chat.example.com/",
    effectiveDirective: directive,
    blockedURL: "inline",
    disposition: "report",
  },
});

describe("POST /api/csp-report", () => {
  let platform: TestPlatform | undefined;
  let lines: Record<string, unknown>[] = [];
  afterEach(async () => {
    await platform?.dispose();
    platform = undefined;
    lines = [];
  });

  async function start() {
    const logger = createLogger("warn", {
      write: (line: string) => void lines.push(JSON.parse(line) as Record<string, unknown>),
    });
    platform = await startTestPlatform("sqlite", { overrides: { logger, clock: () => 1_000 } });
    return platform;
  }

  const post = (body: string, contentType: string, headers: Record<string, string> = {}) =>
    fetch(`${platform!.url}/api/csp-report`, {
      method: "POST",
      headers: { "content-type": contentType, ...headers },
      body,
    });

  async function metric(series: string): Promise<number> {
    const text = await (await fetch(`${platform!.url}/metrics`)).text();
    const line = text.split("\n").find((candidate) => candidate.startsWith(`${series} `));
    return line ? Number(line.slice(series.length + 1)) : 0;
  }

  const reports = () =>
    lines.filter((line) => line.msg === "content security policy violation reported");

  it("takes a browser's report from any context, logs the directive and blocked URL, and counts it", async () => {
    await start();
    const response = await post(JSON.stringify(legacyReport), "application/csp-report", {
      cookie: "parlor_session=the-session-token",
      "sec-fetch-site": "cross-site",
      origin: "https://attacker.example",
      authorization: "Bearer pk_not_a_real_key",
    });
    expect(response.status).toBe(204);
    expect(await response.text()).toBe("");
    expect(reports()).toEqual([
      expect.objectContaining({
        level: 40,
        directive: "img-src",
        blocked_url: "https://attacker.example/pixel.png",
        document_url: "https://chat.example.com/c/conv_1",
        disposition: "enforce",
      }),
    ]);
    // Neither the session nor what the blocked URL tried to carry reaches the log.
    const logged = JSON.stringify(lines);
    expect(logged).not.toContain("the-session-token");
    expect(logged).not.toContain("secret");
    expect(logged).not.toContain("draft");
    expect(await metric('parlor_csp_reports_total{directive="img-src"}')).toBe(1);
  });

  it("reads the Reporting API's lists, counting only CSP violations", async () => {
    await start();
    const body = [
      reportingApiViolation("script-src-elem"),
      { type: "deprecation", body: { message: "old API" } },
      reportingApiViolation("made-up-directive"),
    ];
    expect((await post(JSON.stringify(body), "application/reports+json")).status).toBe(204);
    expect(reports().map((line) => [line.directive, line.blocked_url])).toEqual([
      ["script-src-elem", "inline"],
      ["made-up-directive", "inline"],
    ]);
    expect(await metric('parlor_csp_reports_total{directive="script-src-elem"}')).toBe(1);
    expect(await metric('parlor_csp_reports_total{directive="other"}')).toBe(1);
  });

  it("logs at most 60 reports a minute, and counts every one", async () => {
    await start();
    const body = Array.from({ length: 75 }, () => reportingApiViolation("img-src"));
    expect((await post(JSON.stringify(body), "application/reports+json")).status).toBe(204);
    expect(reports()).toHaveLength(60);
    expect(lines.filter((line) => String(line.msg).startsWith("more CSP violations"))).toHaveLength(
      1,
    );
    expect(await metric('parlor_csp_reports_total{directive="img-src"}')).toBe(75);
  });

  it("refuses other content types, bodies that are no report, and bodies over 64 KiB", async () => {
    await start();
    const refusals: [string, string, number][] = [
      [JSON.stringify(legacyReport), "text/plain", 415],
      ["{not json", "application/csp-report", 400],
      [JSON.stringify({ hello: "world" }), "application/csp-report", 400],
      [
        JSON.stringify({ "csp-report": { pad: "x".repeat(70 * 1024) } }),
        "application/csp-report",
        413,
      ],
    ];
    for (const [body, type, status] of refusals) {
      const response = await post(body, type);
      expect([type, response.status]).toEqual([type, status]);
    }
    expect(reports()).toEqual([]);
  });
});
