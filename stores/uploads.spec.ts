import { conversationReducer, initialConversationState } from './conversation';
import { CopyOnWrite } from './store-utils';
import { uploadsReducer, type Upload } from './uploads';

const PEER = 'alice@demo.natter.chat';
const up = (extra: Partial<Upload> = {}): Upload => ({ id: 'u1', name: 'a.png', size: 100, sent: 0, status: 'uploading', ...extra });

describe('uploads reducer', () => {
  it('adds an upload, moves its progress forward only and never past its size', () => {
    let uploads = uploadsReducer([], { type: 'uploadStarted', conversation: PEER, upload: up() }, new CopyOnWrite());
    uploads = uploadsReducer(uploads, { type: 'uploadProgress', conversation: PEER, id: 'u1', sent: 60 }, new CopyOnWrite());
    const at60 = uploads;
    expect(uploadsReducer(at60, { type: 'uploadProgress', conversation: PEER, id: 'u1', sent: 40 }, new CopyOnWrite())).toBe(at60);
    uploads = uploadsReducer(uploads, { type: 'uploadProgress', conversation: PEER, id: 'u1', sent: 500 }, new CopyOnWrite());
    expect(uploads).toEqual([up({ sent: 100 })]);
  });

  it('fails with the error, limit and detail; progress after that does nothing; a restart clears them', () => {
    const cow = new CopyOnWrite();
    let uploads = uploadsReducer([up({ sent: 30 })], { type: 'uploadFailed', conversation: PEER, id: 'u1', error: 'too-large', limit: 50 }, cow);
    expect(uploads).toEqual([up({ sent: 30, status: 'failed', error: 'too-large', limit: 50 })]);
    expect(uploadsReducer(uploads, { type: 'uploadProgress', conversation: PEER, id: 'u1', sent: 90 }, new CopyOnWrite())).toBe(uploads);
    uploads = uploadsReducer(uploads, { type: 'uploadStarted', conversation: PEER, upload: up() }, new CopyOnWrite());
    expect(uploads).toEqual([up()]);
  });

  it('removes an upload; unknown ids change nothing', () => {
    const list = [up(), up({ id: 'u2' })];
    expect(uploadsReducer(list, { type: 'uploadRemoved', conversation: PEER, id: 'u1' }, new CopyOnWrite())).toEqual([up({ id: 'u2' })]);
    expect(uploadsReducer(list, { type: 'uploadRemoved', conversation: PEER, id: 'nope' }, new CopyOnWrite())).toBe(list);
    expect(uploadsReducer(list, { type: 'uploadFailed', conversation: PEER, id: 'nope', error: 'http' }, new CopyOnWrite())).toBe(list);
  });

  it('never mutates the state it is given', () => {
    const list = Object.freeze([Object.freeze(up())]) as Upload[];
    expect(() => uploadsReducer(list, { type: 'uploadProgress', conversation: PEER, id: 'u1', sent: 10 }, new CopyOnWrite())).not.toThrow();
    expect(list[0].sent).toBe(0);
  });
});

describe('uploads in the conversation store', () => {
  it('keeps uploads under their own key: progress leaves messages (and the state of other conversations) as they were', () => {
    const state = conversationReducer(initialConversationState(PEER), { type: 'uploadStarted', conversation: PEER, upload: up() });
    const next = conversationReducer(state, { type: 'uploadProgress', conversation: PEER, id: 'u1', sent: 10 });
    expect(next.uploads[0].sent).toBe(10);
    expect(next.messages).toBe(state.messages);
    expect(conversationReducer(state, { type: 'uploadProgress', conversation: 'bob@demo.natter.chat', id: 'u1', sent: 10 })).toBe(state);
  });
});
