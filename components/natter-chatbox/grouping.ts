import type { Message } from '../../adapters/types';
import { isSameDay } from '../../i18n/catalogue';

/** Consecutive messages of one sender this close together form one group. */
export const GROUP_WINDOW_MS = 5 * 60_000;

export const DAY_KEY_PREFIX = 'day-';

export type TimelineItem =
  | { kind: 'day'; key: string; timestamp: number }
  | { kind: 'message'; key: string; message: Message; grouped: boolean }
  /** Consecutive room notices (joins, leaves, kicks…), shown together and collapsed when many. */
  | { kind: 'notices'; key: string; notices: Message[] };

/** Day separators, sender groups and notice runs for a message list (oldest first), in one pass. */
export function buildTimeline(messages: readonly Message[]): TimelineItem[] {
  const items: TimelineItem[] = [];
  let previous: Message | undefined;
  for (const message of messages) {
    const newDay = !previous || !isSameDay(previous.timestamp, message.timestamp);
    // Keyed by the date, not the first message: older history prepended to the day keeps the key.
    if (newDay) items.push({ kind: 'day', key: `${DAY_KEY_PREFIX}${new Date(message.timestamp).toDateString()}`, timestamp: message.timestamp });
    const last = items[items.length - 1];
    if (message.notice) {
      // A run is keyed by its newest notice, so older history prepended to the run keeps the key.
      if (last.kind === 'notices') {
        last.notices.push(message);
        last.key = message.id;
      } else items.push({ kind: 'notices', key: message.id, notices: [message] });
    } else {
      const grouped =
        !newDay &&
        previous !== undefined &&
        !previous.notice &&
        previous.from === message.from &&
        message.timestamp - previous.timestamp < GROUP_WINDOW_MS;
      items.push({ kind: 'message', key: message.id, message, grouped });
    }
    previous = message;
  }
  return items;
}

