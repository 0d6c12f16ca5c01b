/** A labelled counter or gauge value. */
type Series = Map<string, number>;

const labelKey = (labels: Record<string, string>) =>
  Object.entries(labels)
    .map(([name, value]) => `${name}="${value.replace(/["\\\n]/g, "_")}"`)
    .join(",");

/**
 * A small Prometheus registry: counters, gauges and a summary of time to first event per bot,
 * rendered in the text exposition format at `GET /metrics`.
 */
export function createMetrics() {
  const counters = new Map<string, Series>();
  const gauges = new Map<string, () => number>();
  const firstEvent = new Map<string, { count: number; sum: number }>();
  const help: Record<string, string> = {
    parlor_http_requests_total: "HTTP requests by method and status",
    parlor_bot_errors_total: "Replies (chat, /bot, /v1) that ended in an error, by bot",
    parlor_replies_total: "Replies by bot and final status",
    parlor_active_generations: "Replies being written now",
    parlor_bot_first_event_seconds: "Time from calling a bot to its first event",
    parlor_csp_reports_total: "Content-Security-Policy violations browsers reported, by directive",
  };
  return {
    increment(name: string, labels: Record<string, string> = {}, by = 1) {
      const series = counters.get(name) ?? new Map<string, number>();
      counters.set(name, series);
      const key = labelKey(labels);
      series.set(key, (series.get(key) ?? 0) + by);
    },
    gauge(name: string, read: () => number) {
      gauges.set(name, read);
    },
    observeFirstEvent(bot: string, seconds: number) {
      const entry = firstEvent.get(bot) ?? { count: 0, sum: 0 };
      entry.count += 1;
      entry.sum += seconds;
      firstEvent.set(bot, entry);
    },
    render(): string {
      const lines: string[] = [];
      for (const [name, series] of counters) {
        lines.push(`# HELP ${name} ${help[name] ?? name}`, `# TYPE ${name} counter`);
        for (const [key, value] of series) lines.push(`${name}${key ? `{${key}}` : ""} ${value}`);
      }
      for (const [name, read] of gauges)
        lines.push(
          `# HELP ${name} ${help[name] ?? name}`,
          `# TYPE ${name} gauge`,
          `${name} ${read()}`,
        );
      const summary = "parlor_bot_first_event_seconds";
      lines.push(`# HELP ${summary} ${help[summary]}`, `# TYPE ${summary} summary`);
      for (const [bot, { count, sum }] of firstEvent) {
        lines.push(
          `${summary}_sum{bot="${bot}"} ${sum}`,
          `${summary}_count{bot="${bot}"} ${count}`,
        );
      }
      return `${lines.join("\n")}\n`;
    },
  };
}

/** The metrics registry. */
export type Metrics = ReturnType<typeof createMetrics>;
