import type { Server } from "node:net";

/** The platform could not take its port; the message says what to do, in one plain sentence. */
export class ListenError extends Error {
  override name = "ListenError";
}

/**
 * Binds the port, turning Node's socket errors into sentences an operator can act on. It runs
 * before anything opens the database, so a second `parlor start` changes nothing.
 */
export async function listenOnPort(server: Server, port: number, host: string): Promise<void> {
  await new Promise<void>((resolve, reject) => {
    server.once("error", (error: NodeJS.ErrnoException) => reject(listenError(error, port, host)));
    // A deep backlog absorbs bursts of new connections while the event loop is busy.
    server.listen({ port, host, backlog: 4096 }, () => resolve());
  });
}

function listenError(error: NodeJS.ErrnoException, port: number, host: string): Error {
  switch (error.code) {
    case "EADDRINUSE":
      return new ListenError(
        `port ${port} is in use: is Parlor already running? Stop the other process, or set PORT (or --port) to a free port`,
        { cause: error },
      );
    case "EACCES":
      return new ListenError(
        `port ${port} needs privileges this process does not have: use a port above 1023, or put a reverse proxy in front`,
        { cause: error },
      );
    case "EADDRNOTAVAIL":
    case "ENOTFOUND":
      return new ListenError(
        `HOST ${host} is not an address of this machine: set HOST to one of its addresses`,
        { cause: error },
      );
    default:
      return error;
  }
}
