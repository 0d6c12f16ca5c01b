import { createServer } from "node:net";

/** Whether something on this machine already listens on `port` of 127.0.0.1. */
function listen(port: number): Promise<number | null> {
  const server = createServer();
  return new Promise((resolve) => {
    server.once("error", () => resolve(null));
    server.listen(port, "127.0.0.1", () => {
      const { port: bound } = server.address() as { port: number };
      server.close(() => resolve(bound));
    });
  });
}

/** `preferred` when it is free, else any free port of 127.0.0.1. */
export async function freePort(preferred = 0): Promise<number> {
  return (preferred ? await listen(preferred) : null) ?? (await listen(0))!;
}
