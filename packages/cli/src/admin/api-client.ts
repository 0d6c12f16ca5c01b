/** What the platform answered: its status and its JSON body (undefined when there was none). */
export interface ApiResponse {
  status: number;
  body: unknown;
}

/**
 * One request to the platform's HTTP API, with the credential of whoever the command acts as.
 * Two implementations: {@link createRemoteApiClient} over the network (`--url`), and
 * {@link createLocalApiClient}, which sends the same requests to the same Hono app in-process on
 * this machine's database. Admin commands are written once against this, so a command behaves
 * the same locally and remotely: same checks, same errors, same answers.
 */
export interface ApiClient {
  /** What the commands manage, for messages: the platform's URL or the local data folder. */
  readonly target: string;
  readonly remote: boolean;
  /** The API key a local run made for itself, which key lists leave out. */
  readonly runKeyId?: string;
  /** Sends `body` as JSON; a platform that cannot be reached is a CliError. */
  request(method: string, path: string, body?: unknown): Promise<ApiResponse>;
  /** Ends the run: the local client removes its temporary credential and closes the database. */
  close(): Promise<void>;
}
