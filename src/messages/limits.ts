// Limits shared by the content script and the schemas, in a module without Zod so the
// content script can import them without pulling Zod into its bundle.

/** Longest raw string we accept from a page; anything longer is cut before it is sent. */
export const MAX_RAW = 2000;
/** Most deals one observation message may carry. */
export const MAX_BATCH = 500;
