/** Who may send a message: content scripts (from a tab) or extension pages (popup, options, dashboard). */
export type Origin = 'content' | 'page';
