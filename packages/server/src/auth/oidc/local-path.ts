/**
 * `path` if it is a page of this platform, else `/`. Refused: anything not starting with one `/`
 * (`//host` and `/\host` are other sites to a browser), and any backslash, space or control
 * character, which browsers drop or rewrite (`/\t/host` becomes `//host`).
 */
export function localPath(path: string | undefined): string {
  // eslint-disable-next-line no-control-regex -- control characters are what it refuses
  return path && /^\/(?![/\\])[^\\\x00-\x20\x7f]*$/.test(path) ? path : "/";
}
