import type { ReactNode } from "react";

/** Small line icons for the message actions (emoji glyphs depend on the system's fonts). */
function Icon({ children }: { children: ReactNode }) {
  return (
    <svg
      aria-hidden="true"
      viewBox="0 0 24 24"
      className="h-4 w-4"
      fill="none"
      stroke="currentColor"
      strokeWidth="2"
      strokeLinecap="round"
      strokeLinejoin="round"
    >
      {children}
    </svg>
  );
}

/** Thumbs up. */
export const LikeIcon = () => (
  <Icon>
    <path d="M7 10v11H4V10h3zm0 0l4-8a3 3 0 013 3v4h5a2 2 0 012 2.3l-1.4 8A2 2 0 0117.6 21H7" />
  </Icon>
);

/** Thumbs down. */
export const DislikeIcon = () => (
  <Icon>
    <path d="M17 14V3h3v11h-3zm0 0l-4 8a3 3 0 01-3-3v-4H5a2 2 0 01-2-2.3l1.4-8A2 2 0 016.4 3H17" />
  </Icon>
);

/** A circular arrow: regenerate. */
export const RegenerateIcon = () => (
  <Icon>
    <path d="M21 12a9 9 0 11-3-6.7L21 8M21 3v5h-5" />
  </Icon>
);

/** A pencil: edit. */
export const EditIcon = () => (
  <Icon>
    <path d="M4 20h4L19 9l-4-4L4 16v4zM14 6l4 4" />
  </Icon>
);

/** A smiling face: react. */
export const ReactIcon = () => (
  <Icon>
    <circle cx="12" cy="12" r="9" />
    <path d="M8.5 14.5a4 4 0 007 0M9 9.5h.01M15 9.5h.01" />
  </Icon>
);

/** An "i" in a circle: more about this reply. */
export const InfoIcon = () => (
  <Icon>
    <circle cx="12" cy="12" r="9" />
    <path d="M12 11v5M12 8h.01" />
  </Icon>
);
