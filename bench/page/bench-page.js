// Served next to the bench pages: what the bench asks the page to do, through the session API
// of its <natter-session>, the way an app would. Auto-login: app.html?auto=1&jid=…&password=…
// &service=…&room=…&nick=… signs in as soon as the session exists and joins the room.
const params = new URLSearchParams(location.search);

async function session() {
  await customElements.whenDefined('natter-session');
  const host = document.querySelector('natter-session');
  await host.componentOnReady();
  return host.session;
}

/** Joins `room` and makes it the conversation the chatbox and the sidebar show (as <natter-room-list> does). */
async function joinRoom(room, nick) {
  const s = await session();
  const occupants = document.querySelector('natter-occupants');
  if (occupants) occupants.room = room;
  const joining = s.actions.joinRoom(room, { nick });
  s.actions.openConversation(room);
  await joining;
}

/**
 * Scrolls the chatbox's list up like a fast reader (SCROLL_STEP px per frame) until `target`
 * messages older than the ones shown at the start have been loaded, or the archive is complete.
 * The chatbox is expected to load older pages when the top is reached; if it does not within
 * AUTO_LOAD_WAIT_MS there, its "load earlier" button is clicked (the list before virtualization).
 * Returns the frame times and, for each older page, when it was asked for, when the archive's
 * answer reached the page (the first frame of watcher `answerWatch` after asking) and when its
 * first message was in the DOM (or only in the store).
 */
const SCROLL_STEP = 150;
const AUTO_LOAD_WAIT_MS = 500;
async function scrollBack(room, target, timeoutMs, answerWatch) {
  const bench = window.__bench;
  const store = (await session()).conversation(room);
  const root = document.querySelector('natter-chatbox').shadowRoot;
  const known = new Set(store.get('messages').map(m => m.id));
  const pages = [];
  let current = null; // the page being loaded: { requested, ids }
  let older = 0;
  let atTopSince = null;
  let clicks = 0;
  // A page starts when the history state turns to loading, whoever asked (the list or our click).
  const stop = store.onChange('history', history => {
    if (history.status === 'loading' && !current) current = { requested: bench.now(), ids: [] };
  });
  bench.startFrames();
  const start = bench.now();
  try {
    await new Promise((resolve, reject) => {
      const frame = () => {
        if (bench.now() - start > timeoutMs) return reject(new Error(`scrolled back ${older} of ${target} messages in ${timeoutMs} ms`));
        for (const m of store.get('messages')) {
          if (known.has(m.id)) continue;
          known.add(m.id);
          older++;
          if (current) current.ids.push(m.id);
        }
        const history = store.get('history');
        if (current && current.ids.length && history.status !== 'loading') {
          pages.push(current);
          current = null;
        }
        if (older >= target || (history.complete && !current)) return resolve();
        const list = root.querySelector('[part~=list]');
        if (list) {
          if (list.scrollTop > 0) {
            // As a reader scrolls: a wheel turn, then the list moves (the chatbox leaves the newest only then).
            list.dispatchEvent(new WheelEvent('wheel', { deltaY: -SCROLL_STEP, bubbles: true }));
            list.scrollTop = Math.max(0, list.scrollTop - SCROLL_STEP);
            atTopSince = null;
          } else if (!current && history.status !== 'loading') {
            atTopSince ??= bench.now();
            const button = root.querySelector('[part~=history] button');
            if (button && bench.now() - atTopSince > AUTO_LOAD_WAIT_MS) {
              clicks++;
              atTopSince = null;
              button.click();
            }
          }
        }
        requestAnimationFrame(frame);
      };
      requestAnimationFrame(frame);
    });
  } finally {
    stop();
  }
  const frames = bench.stopFrames();
  // Each page is shown when the first of its messages was in the DOM (else when the store had it).
  const shown = pages.map(p => {
    let at = Infinity;
    let how = 'store';
    for (const id of p.ids) {
      const dom = bench.domIds.get(id);
      if (dom && dom.at < at) {
        at = dom.at;
        how = dom.how;
      }
    }
    if (at === Infinity) at = Math.min(...p.ids.map(id => bench.storeIds.get(id) ?? Infinity));
    // When the page's websocket got the archive's answer (a frame watcher the caller set up).
    const answered = answerWatch ? bench.frameAfter(answerWatch, p.requested) : null;
    return { requested: p.requested, answered, shown: at, how, size: p.ids.length };
  });
  return { older, clicks, durationMs: bench.now() - start, frames, pages: shown };
}

window.benchPage = {
  session,
  joinRoom,
  scrollBack,
  async login(options) {
    const s = await session();
    await s.actions.login(options);
  },
};

/** The session as soon as it exists (`natterSessionReady`), while the components inside still load. */
async function earlySession() {
  const host = document.querySelector('natter-session');
  return host.session ?? new Promise(resolve => host.addEventListener('natterSessionReady', e => resolve(e.detail.session), { once: true }));
}

if (params.get('auto')) {
  const marks = (window.benchAuto = {});
  session().then(() => (marks.components = performance.now()));
  (async () => {
    try {
      // As an app that signs in by itself should: sign in while the components load.
      const s = await earlySession();
      marks.session = performance.now();
      // The bench reads when the newest message reached the store (see instrument.js).
      window.__bench?.trackStoreIds(s.conversation(params.get('room')));
      await s.actions.login({ jid: params.get('jid'), password: params.get('password'), service: params.get('service') });
      marks.online = performance.now();
      await joinRoom(params.get('room'), params.get('nick'));
      marks.joined = performance.now();
    } catch (error) {
      marks.error = String(error && error.message ? error.message : error);
    }
  })();
}
