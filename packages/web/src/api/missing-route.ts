import { ApiError } from "./api-error.js";

/** A 404: nothing there, or nothing the user may see (the platform answers both alike). */
export const isMissingRoute = (error: unknown) => error instanceof ApiError && error.status === 404;

/** Query retry rule: once, but never for a 404, which will not change by asking again. */
export const retryUnlessMissing = (failures: number, error: unknown) =>
  !isMissingRoute(error) && failures < 1;
