import { ACCESS_KEY_LENGTH, randomBytes } from "@parlor/protocol";

/** Letters and digits only, like the keys Poe generates: safe in headers, URLs and shells. */
const KEY_ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
/** Bytes at or above this would make some characters likelier than others, so they are drawn again. */
const UNBIASED_LIMIT = 256 - (256 % KEY_ALPHABET.length);

/**
 * A fresh access key for a bot: 32 letters and digits from a cryptographic random source, the
 * length and alphabet of the keys Poe generates. On Poe, use the key Poe shows you; on Parlor
 * (or for local tries) this makes one, e.g. from a shell:
 *
 * ```sh
 * node -e "import('@parlor/sdk').then(({ generateAccessKey }) => console.log(generateAccessKey()))"
 * ```
 */
export function generateAccessKey(): string {
  let key = "";
  while (key.length < ACCESS_KEY_LENGTH) {
    for (const byte of randomBytes(ACCESS_KEY_LENGTH)) {
      if (byte < UNBIASED_LIMIT && key.length < ACCESS_KEY_LENGTH) {
        key += KEY_ALPHABET[byte % KEY_ALPHABET.length];
      }
    }
  }
  return key;
}
