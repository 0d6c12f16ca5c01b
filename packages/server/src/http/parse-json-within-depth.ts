import { InvalidRequestError } from "../errors.js";

/**
 * How deep objects and lists may nest in a request body. Real requests nest a handful of
 * levels (a tool's JSON Schema perhaps a dozen); deeper ones only overflow the stack of the
 * recursive code that later validates, copies or serialises them.
 */
export const MAX_JSON_DEPTH = 64;

const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const OPEN_BRACE = 0x7b;
const OPEN_BRACKET = 0x5b;
const CLOSE_BRACE = 0x7d;
const CLOSE_BRACKET = 0x5d;

/** How deep `text`'s brackets nest, outside strings; stops counting past `limit`. */
function nestingDepth(text: string, limit: number): number {
  let depth = 0;
  let deepest = 0;
  let inString = false;
  for (let index = 0; index < text.length; index++) {
    const code = text.charCodeAt(index);
    if (inString) {
      if (code === BACKSLASH) index++;
      else if (code === QUOTE) inString = false;
    } else if (code === QUOTE) inString = true;
    else if (code === OPEN_BRACE || code === OPEN_BRACKET) {
      depth++;
      if (depth > deepest) {
        deepest = depth;
        if (deepest > limit) return deepest;
      }
    } else if (code === CLOSE_BRACE || code === CLOSE_BRACKET) depth--;
  }
  return deepest;
}

/**
 * Parses a JSON request body, refusing one that nests deeper than `maxDepth` before it is
 * parsed (JSON.parse copes, but what recurses over the value afterwards would not) or that is
 * not JSON at all; both are 400s with a plain message.
 */
export function parseJsonWithinDepth(text: string, maxDepth = MAX_JSON_DEPTH): unknown {
  if (nestingDepth(text, maxDepth) > maxDepth)
    throw new InvalidRequestError(
      `The request body nests objects or lists more than ${maxDepth} levels deep`,
    );
  try {
    return JSON.parse(text) as unknown;
  } catch {
    throw new InvalidRequestError("The request body must be JSON");
  }
}
