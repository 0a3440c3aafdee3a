import { formatTime } from '../../i18n/catalogue';

let scheduled = false;

/**
 * Gets what showing messages needs ready while the page is idle: the locale's date data, and the
 * styling code (marked, DOMPurify, the link scanner) fetched, evaluated and its tables built. The
 * first conversation opened would otherwise pay for all of it in the frames that show it, while
 * the room's join and archive answers wait behind it. Once per page; a failed fetch is tried again
 * on the next call.
 */
export function warmMessageRendering(): void {
  if (scheduled || typeof requestIdleCallback !== 'function') return;
  scheduled = true;
  // One piece per idle callback, so none of them is a long task.
  requestIdleCallback(() => formatTime(Date.now()));
  requestIdleCallback(() => {
    import('../../markup/styling').then(
      styling => requestIdleCallback(() => styling.renderStyledBody('*natter* https://natter.chat')),
      () => (scheduled = false),
    );
  });
}
