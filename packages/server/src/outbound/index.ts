/** The one HTTP client for user-supplied URLs, with SSRF protection, timeouts and a body cap. */
export {
  createOutboundClient,
  type OutboundClient,
  type OutboundClientOptions,
} from "./create-outbound-client.js";
export { isBlockedAddress, type BlockedAddressVerdict } from "./is-blocked-address.js";
export { isLoopbackAddress } from "./is-loopback-address.js";
export { OutboundError, type OutboundErrorCode } from "./outbound-error.js";
export { isAllowlisted, type OutboundPolicy } from "./outbound-policy.js";
export { parseOutboundUrl } from "./parse-outbound-url.js";
export { OUTBOUND_DEFAULTS, type OutboundRequest } from "./outbound-request.js";
export type { OutboundResponse } from "./outbound-response.js";
export type { HostnameResolver } from "./resolve-destination.js";
