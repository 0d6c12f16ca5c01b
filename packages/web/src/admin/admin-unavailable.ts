/** What the admin tabs say when this server has no admin routes yet. */
export const adminUnavailable = "This Parlor's server does not have the admin tools yet.";
