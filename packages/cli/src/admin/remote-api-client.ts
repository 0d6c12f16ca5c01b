import { CliError } from "../cli-error.js";
import type { ApiClient, ApiResponse } from "./api-client.js";

/** Why fetch failed, in words: Node's "fetch failed" hides the cause (refused, unknown host…). */
function unreachable(url: string, error: unknown): CliError {
  const cause = error instanceof Error && error.cause instanceof Error ? error.cause : error;
  const code = typeof cause === "object" && cause && "code" in cause ? String(cause.code) : "";
  const reason =
    code === "ECONNREFUSED"
      ? "nothing is listening there"
      : code === "ENOTFOUND"
        ? "its host name is unknown"
        : cause instanceof Error
          ? cause.message
          : String(cause);
  return new CliError(`Could not reach the platform at ${url}: ${reason}`);
}

/** Reads a JSON body; anything else means the URL is not a Parlor platform's. */
async function readBody(url: string, response: Response): Promise<unknown> {
  const text = await response.text();
  if (text === "") return undefined;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    throw new CliError(
      `${url} did not answer as a Parlor platform does (HTTP ${response.status}, not JSON); check --url`,
    );
  }
}

/** The platform's HTTP API at `url`, as the holder of the user API key `apiKey`. */
export function createRemoteApiClient(url: string, apiKey: string): ApiClient {
  const base = url.replace(/\/+$/, "");
  return {
    target: base,
    remote: true,
    async request(method, path, body): Promise<ApiResponse> {
      let response: Response;
      try {
        response = await fetch(`${base}${path}`, {
          method,
          headers: {
            authorization: `Bearer ${apiKey}`,
            accept: "application/json",
            ...(body === undefined ? {} : { "content-type": "application/json" }),
          },
          ...(body === undefined ? {} : { body: JSON.stringify(body) }),
          redirect: "error",
        });
      } catch (error) {
        throw unreachable(base, error);
      }
      return { status: response.status, body: await readBody(base, response) };
    },
    close: async () => {},
  };
}
