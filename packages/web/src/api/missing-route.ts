import { ApiError } from "./api-error.js";

/** True when the platform does not have this route (an older or partial server): a 404. */
export const isMissingRoute = (error: unknown) => error instanceof ApiError && error.status === 404;

/** Query retry rule: once, but never for a 404, which will not change by asking again. */
export const retryUnlessMissing = (failures: number, error: unknown) =>
  !isMissingRoute(error) && failures < 1;
