import type { Message } from '../../adapters/types';
import { isSameDay } from '../../i18n/catalogue';

/** Consecutive messages of one sender this close together form one group. */
export const GROUP_WINDOW_MS = 5 * 60_000;

export type TimelineItem =
  | { kind: 'day'; key: string; timestamp: number }
  | { kind: 'message'; key: string; message: Message; grouped: boolean };

/** Day separators and sender groups for a message list (oldest first), in one pass. */
export function buildTimeline(messages: readonly Message[]): TimelineItem[] {
  const items: TimelineItem[] = [];
  let previous: Message | undefined;
  for (const message of messages) {
    const newDay = !previous || !isSameDay(previous.timestamp, message.timestamp);
    if (newDay) items.push({ kind: 'day', key: `day-${message.timestamp}`, timestamp: message.timestamp });
    const grouped =
      !newDay &&
      previous !== undefined &&
      previous.from === message.from &&
      message.timestamp - previous.timestamp < GROUP_WINDOW_MS;
    items.push({ kind: 'message', key: message.id, message, grouped });
    previous = message;
  }
  return items;
}
