import { TEXT_LIMITS } from "../../input/text-limits.js";

/** Control characters, and the invisible format characters (bidi overrides) that spoof names. */
const UNSAFE_CHARACTERS = /[\p{Cc}\p{Cf}]/gu;
/** Lone surrogates, which no file system or UTF-8 header can hold. */
const LONE_SURROGATES = /\p{Surrogate}/gu;

/**
 * The name an upload is stored and served under: the base name only (whatever follows the
 * last `/` or `\`, so `../../etc/passwd` is `passwd`), without control or format characters,
 * at most 255 characters (keeping the extension), and `fallback` when nothing is left or it
 * is only dots.
 */
export function uploadFileName(name: string | undefined, fallback = "file"): string {
  const base = (name ?? "")
    .split(/[/\\]/)
    .pop()!
    .replace(UNSAFE_CHARACTERS, "")
    .replace(LONE_SURROGATES, "\uFFFD")
    .trim();
  if (/^\.*$/.test(base)) return fallback;
  if (base.length <= TEXT_LIMITS.fileName) return base;
  const extension = /\.[^.]{1,16}$/.exec(base)?.[0] ?? "";
  const stem = [...base.slice(0, base.length - extension.length)];
  // Cut by code points, so no surrogate pair is split in two.
  let kept = "";
  for (const character of stem) {
    if (kept.length + character.length + extension.length > TEXT_LIMITS.fileName) break;
    kept += character;
  }
  return kept + extension;
}
