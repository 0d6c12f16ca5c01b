/** A cookie as a browser keeps it: its value and the paths it is sent to. */
interface StoredCookie {
  value: string;
  path: string;
}

/**
 * A browser without a page: fetch that keeps cookies (one jar, since the platform and the test
 * provider share the host 127.0.0.1 and cookies ignore ports) and follows redirects by hand.
 */
export class TestBrowser {
  readonly cookies = new Map<string, StoredCookie>();

  /** One request, sending the cookies whose path matches and keeping those the answer sets. */
  async get(url: string | URL, extraCookies: Record<string, string> = {}): Promise<Response> {
    const target = new URL(url);
    const sent = [...this.cookies]
      .filter(([, cookie]) => target.pathname.startsWith(cookie.path))
      .map(([name, cookie]) => `${name}=${cookie.value}`)
      .concat(Object.entries(extraCookies).map(([name, value]) => `${name}=${value}`));
    const response = await fetch(target, {
      redirect: "manual",
      headers: sent.length > 0 ? { cookie: sent.join("; ") } : {},
    });
    for (const header of response.headers.getSetCookie()) this.keep(header);
    return response;
  }

  /**
   * Follows redirects from `url` until an answer is not a redirect, or until the next URL is
   * one `stopAt` picks (returned unrequested, e.g. to replay a callback later).
   */
  async follow(
    url: string | URL,
    stopAt: (next: URL) => boolean = () => false,
  ): Promise<{ url: URL; response: Response | undefined }> {
    let current = new URL(url);
    for (let hop = 0; hop < 20; hop++) {
      if (hop > 0 && stopAt(current)) return { url: current, response: undefined };
      const response = await this.get(current);
      const location = response.headers.get("location");
      if (response.status < 300 || response.status >= 400 || !location)
        return { url: current, response };
      await response.body?.cancel();
      current = new URL(location, current);
    }
    throw new Error(`too many redirects from ${String(url)}`);
  }

  private keep(header: string): void {
    const [pair = "", ...attributes] = header.split(";").map((part) => part.trim());
    const separator = pair.indexOf("=");
    const name = pair.slice(0, separator);
    const value = pair.slice(separator + 1);
    const attribute = (key: string) =>
      attributes.find((part) => part.toLowerCase().startsWith(`${key}=`))?.slice(key.length + 1);
    const maxAge = attribute("max-age");
    const expires = attribute("expires");
    const gone =
      (maxAge !== undefined && Number(maxAge) <= 0) ||
      (expires !== undefined && Date.parse(expires) <= Date.now());
    if (gone) this.cookies.delete(name);
    else this.cookies.set(name, { value, path: attribute("path") ?? "/" });
  }
}
