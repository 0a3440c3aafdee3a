/**
 * XEP-0201 threads in <natter-app> against Prosody: occupants' messages in a thread show as a reply
 * count on its first message; it opens a thread panel (focus on its heading, axe clean) with the
 * thread's messages and a composer that writes in the thread, apart from the conversation's draft;
 * Escape closes it. A thread started from a message answers that message (XEP-0461) for clients
 * without threads.
 */
import { xml } from '@xmpp/client';
import { stopAllBots } from '../prosody';
import {
  NICK,
  appPaths,
  chooseMenuItem,
  describeViolations,
  isGroupchat,
  openMessageMenu,
  postInRoom,
  runAxe,
  say,
  texts,
  userInRoom,
  waitForElement,
  waitForNone,
  waitForText,
} from './support';

jest.setTimeout(90_000); // generous: one Chromium serves both workers under load

const p = appPaths();
const threadButton = `${p.messages} >>> button[part=thread-button]`;
const panel = `${p.chatbox} >>> aside[part=thread]`;
const panelBodies = `${panel} natter-message >>> [part=body]`;
const mainComposer = `${p.chatbox} >>> natter-composer[part=composer] >>> textarea[part=input]`;
const threadComposer = `${p.chatbox} >>> natter-composer[part=thread-composer] >>> textarea[part=input]`;

afterEach(stopAllBots);

const inThread = (room: string, body: string, thread: string) => xml('message', { to: room, type: 'groupchat', id: `t-${Date.now()}-${Math.random()}` }, xml('body', {}, body), xml('thread', {}, thread));

const focusedInChatbox = (page: Parameters<typeof texts>[0]) =>
  page.evaluate(() => {
    const deep = (window as unknown as { __natterDeep: (p: string) => Element[] }).__natterDeep;
    const chatbox = deep('natter-app >>> natter-chatbox')[0];
    const active = chatbox?.shadowRoot?.activeElement;
    return active ? active.id || active.getAttribute('part') || active.tagName.toLowerCase() : null;
  });

describe('threads in a room', () => {
  it('shows a thread’s replies on its first message; the panel reads and answers it in the thread; Escape closes it', async () => {
    const { room, occupants, page, errors } = await userInRoom('thread', 'Thread Room', ['Alice', 'Bob']);
    const [alice, bob] = occupants;

    // Each waits for the room's copy, so the order is the room's.
    const post = async (who: typeof alice, body: string) => {
      await who.bot.send(inThread(room, body, 'fri'));
      await who.bot.waitFor(isGroupchat(room, who.nick, body));
    };
    await post(alice, 'Plan for Friday?');
    await post(bob, 'Picnic');
    await say(alice.bot, room, 'Alice', 'Unrelated news');
    await post(bob, 'Or a film');
    await waitForText(page, threadButton, '2 replies');

    // A draft in the main composer is not the thread's.
    await page.focus(p.composer);
    await page.keyboard.type('half a thought');
    await page.waitForFunction((path: string) => (window as unknown as { __natterDeep: (p: string) => HTMLTextAreaElement[] }).__natterDeep(path)[0]?.value === 'half a thought', { polling: 50, timeout: 10_000 }, p.composer);
    await page.click(threadButton);
    await waitForElement(page, panel);
    await page.waitForFunction(
      () => {
        const deep = (window as unknown as { __natterDeep: (p: string) => Element[] }).__natterDeep;
        return deep('natter-app >>> natter-chatbox')[0]?.shadowRoot?.activeElement?.id === 'thread-title';
      },
      { polling: 50, timeout: 10_000 },
    );
    expect(await texts(page, panelBodies)).toEqual(['Plan for Friday?', 'Picnic', 'Or a film']);
    const report = await runAxe(page, 'natter-app');
    expect(describeViolations(report.violations)).toEqual([]);

    await page.focus(threadComposer);
    await page.keyboard.type('Picnic, count me in');
    await page.keyboard.press('Enter');
    const answer = await alice.bot.waitFor(isGroupchat(room, NICK, 'Picnic, count me in'));
    expect(answer.getChildText('thread')).toBe('fri');
    await waitForText(page, panelBodies, 'Picnic, count me in');
    await waitForText(page, threadButton, '3 replies');
    expect(await page.$eval(mainComposer, el => (el as HTMLTextAreaElement).value)).toBe('half a thought');

    await page.keyboard.press('Escape');
    await waitForNone(page, panel);
    expect(await focusedInChatbox(page)).toBe('natter-message');
    expect(errors).toEqual([]);
  });

  it('a thread started from a message answers it, for clients without threads', async () => {
    const { room, occupants, page, errors } = await userInRoom('thread-new', 'New Thread Room', ['Alice']);
    const [alice] = occupants;
    const stanzaId = await postInRoom(alice, room, 'Who wants the last slice?');
    await waitForText(page, p.incomingMessageBodies, 'Who wants the last slice?');

    await openMessageMenu(page, 'Who wants the last slice?');
    await chooseMenuItem(page, 'thread');
    await waitForElement(page, panel);
    expect(await texts(page, panelBodies)).toEqual(['Who wants the last slice?']);
    await page.focus(threadComposer);
    await page.keyboard.type('Me!');
    await page.keyboard.press('Enter');
    const answer = await alice.bot.waitFor(isGroupchat(room, NICK, '> Alice:\n> Who wants the last slice?\nMe!'));
    expect(answer.getChildText('thread')).toMatch(/^\w+$/);
    expect(answer.getChild('reply', 'urn:xmpp:reply:0')?.attrs.id).toBe(stanzaId);
    await waitForText(page, panelBodies, 'Me!');
    await waitForText(page, threadButton, '1 reply');
    expect(errors).toEqual([]);
  });
});
