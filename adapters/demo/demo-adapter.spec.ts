import { AdapterError, RoomError, UploadError, type AdapterEvent } from '../types';
import { createDemoAdapter, type DemoAdapterOptions } from './demo-adapter';

const ME = 'me@demo.natter.chat';
const ALICE = 'alice@demo.natter.chat';
const LOUNGE = 'lounge@rooms.demo.natter.chat';

function network(options: DemoAdapterOptions) {
  const adapter = createDemoAdapter({ latencyMs: 0, ambient: false, replies: false, ...options });
  const events: AdapterEvent[] = [];
  adapter.subscribe(event => events.push(event));
  return { adapter, events };
}

/** 'pending' if the promise has not settled within 200 ms (long enough for zero-latency answers on a loaded machine). */
async function outcome(promise: Promise<unknown>): Promise<'resolved' | 'rejected' | 'pending'> {
  const later = new Promise<'pending'>(resolve => setTimeout(() => resolve('pending'), 200));
  return Promise.race([promise.then(() => 'resolved' as const, () => 'rejected' as const), later]);
}

describe('demo network scenarios for loading and error states', () => {
  it('answers everything when told nothing', async () => {
    const { adapter, events } = network({});
    await adapter.connect({ jid: ME, password: 'secret' });
    expect(events.some(event => event.type === 'connection' && event.status === 'online')).toBe(true);
    expect(await outcome(adapter.loadHistory(ALICE))).toBe('resolved');
    expect(await outcome(adapter.sendMessage(ALICE, 'hi', 'm1'))).toBe('resolved');
    expect(await outcome(adapter.listRooms())).toBe('resolved');
    await adapter.disconnect();
  });

  it('a stalled connect stays connecting', async () => {
    const { adapter, events } = network({ stall: ['connect'] });
    expect(await outcome(adapter.connect({ jid: ME, password: 'secret' }))).toBe('pending');
    expect(events).toEqual([{ type: 'connection', status: 'connecting' }]);
  });

  it('a failing connect reports the server unreachable', async () => {
    const { adapter, events } = network({ fail: ['connect'] });
    const error = await adapter.connect({ jid: ME, password: 'secret' }).catch(caught => caught);
    expect(error).toBeInstanceOf(AdapterError);
    expect(error.code).toBe('unreachable');
    expect(events.at(-1)).toMatchObject({ type: 'connection', status: 'error', error: { code: 'unreachable' } });
  });

  it('stalls or fails archive queries, sends and the room directory once online', async () => {
    const stalled = network({ stall: ['history', 'send', 'rooms'] });
    await stalled.adapter.connect({ jid: ME, password: 'secret' });
    expect(await outcome(stalled.adapter.loadHistory(ALICE))).toBe('pending');
    expect(await outcome(stalled.adapter.sendMessage(ALICE, 'hi', 'm1'))).toBe('pending');
    expect(await outcome(stalled.adapter.listRooms())).toBe('pending');

    const failing = network({ fail: ['history', 'send', 'rooms'] });
    await failing.adapter.connect({ jid: ME, password: 'secret' });
    expect(await outcome(failing.adapter.loadHistory(ALICE))).toBe('rejected');
    expect(await outcome(failing.adapter.sendMessage(ALICE, 'hi', 'm1'))).toBe('rejected');
    expect(await outcome(failing.adapter.sendRoomMessage(LOUNGE, 'hi', 'm2'))).toBe('rejected');
    expect(await outcome(failing.adapter.listRooms())).toBe('rejected');
    expect(failing.events.some(event => event.type === 'history' && event.conversation === ALICE)).toBe(false);
  });

  it('a failing join reports a timeout for the room, a stalled one stays joining', async () => {
    const failing = network({ fail: ['join'] });
    await failing.adapter.connect({ jid: ME, password: 'secret' });
    const error = await failing.adapter.joinRoom(LOUNGE, { nick: 'me' }).catch(caught => caught);
    expect(error).toBeInstanceOf(RoomError);
    expect(error.code).toBe('timeout');
    expect(failing.events).toContainEqual(expect.objectContaining({ type: 'roomJoinError', room: LOUNGE, error: 'timeout' }));

    const stalled = network({ stall: ['join'] });
    await stalled.adapter.connect({ jid: ME, password: 'secret' });
    expect(await outcome(stalled.adapter.joinRoom(LOUNGE, { nick: 'me2' }))).toBe('pending');
    expect(stalled.events.some(event => event.type === 'roomJoined')).toBe(false);
  });

  it('a stalled upload stays half-way until cancelled, a failing one breaks off there', async () => {
    const stalled = network({ stall: ['upload'] });
    await stalled.adapter.connect({ jid: ME, password: 'secret' });
    const progress: number[] = [];
    const controller = new AbortController();
    const upload = stalled.adapter.uploadFile(new Blob(['12345678']), 'notes.txt', { signal: controller.signal, onProgress: sent => progress.push(sent) });
    expect(await outcome(upload)).toBe('pending');
    expect(progress).toEqual([0, 2, 4]);
    controller.abort();
    expect((await upload.catch(caught => caught)).code).toBe('cancelled');

    const failing = network({ fail: ['upload'] });
    await failing.adapter.connect({ jid: ME, password: 'secret' });
    const error = await failing.adapter.uploadFile(new Blob(['12345678']), 'notes.txt').catch(caught => caught);
    expect(error).toBeInstanceOf(UploadError);
    expect(error.code).toBe('network');
  });
});
