import { useState } from "react";
import { decideImage, imageProxySource } from "./safe-urls.js";

/**
 * An image from a bot's reply. Platform files load inline; an image from any other host is only
 * fetched (through the platform's proxy) after the user clicks, because merely loading it would
 * tell that host whatever the bot put in the URL. Other schemes never load: the alt text shows.
 */
export function GuardedImage({
  src,
  alt,
  title,
}: {
  src?: string | undefined;
  alt?: string | undefined;
  title?: string | undefined;
}) {
  const [requested, setRequested] = useState(false);
  const pageOrigin = typeof window === "undefined" ? undefined : window.location.origin;
  const decision = src === undefined ? { kind: "blocked" as const } : decideImage(src, pageOrigin);
  const image = (source: string) => (
    <img
      src={source}
      alt={alt ?? ""}
      title={title}
      loading="lazy"
      referrerPolicy="no-referrer"
      className="md-image"
    />
  );

  switch (decision.kind) {
    case "inline":
      return image(decision.src);
    case "on-request":
      if (requested) return image(imageProxySource(decision.url));
      return (
        <button
          type="button"
          className="md-image-request"
          title={decision.url}
          onClick={(event) => {
            // The image may sit inside a link; loading it must not follow the link too.
            event.preventDefault();
            event.stopPropagation();
            setRequested(true);
          }}
        >
          Image from {decision.host} — Load
        </button>
      );
    case "blocked":
      return alt ? <span className="md-image-blocked">{alt}</span> : null;
  }
}
