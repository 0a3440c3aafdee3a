/**
 * Rows rendered per role group before a "Show N more" button. A room with
 * thousands of occupants then costs a few hundred rows, not thousands; the
 * scale issue replaces this window with virtualization.
 */
export const OCCUPANTS_PAGE_SIZE = 200;
