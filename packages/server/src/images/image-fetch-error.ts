import { PlatformError } from "../errors.js";

/**
 * An image URL that could not be used: `refused` (a 400: the URL itself is not allowed) or not
 * available (a 502 `image_unavailable`: the other site failed, or sent no image we serve).
 */
export class ImageFetchError extends PlatformError {
  readonly refused: boolean;

  constructor(message: string, refused: boolean) {
    super(refused ? "invalid_request" : "image_unavailable", refused ? 400 : 502, message);
    this.refused = refused;
  }
}
