import { lookup } from "node:dns/promises";
import type { HostnameResolver } from "./resolve-destination.js";

/**
 * Resolves with the operating system's resolver, as the rest of Node would. IPv4 answers come
 * first because local dev servers often listen on 127.0.0.1 only while `localhost` lists ::1 first.
 */
export const resolveWithSystemDns: HostnameResolver = async (hostname) => {
  const entries = await lookup(hostname, { all: true, order: "ipv4first" });
  return entries.map((entry) => entry.address);
};
