// Injected into every bench page before its own scripts (puppeteer evaluateOnNewDocument), so it
// sees the first long task, the first websocket frame and every message element.
// Everything is exposed as `window.__bench`; times are epoch milliseconds (timeOrigin + now), so
// they compare with Date.now() in the Node process on the same machine.
(() => {
  if (window.__bench) return;
  const now = () => performance.timeOrigin + performance.now();
  const bench = (window.__bench = {
    now,
    longTasks: [],
    frames: null,
    ws: { frames: 0, bytes: 0, watchers: [] },
    // message id -> { at, how }: when a message element for that id was first in the DOM
    domIds: new Map(),
    // message id -> epoch ms: when the conversation store first held that id
    storeIds: new Map(),
  });

  // Long tasks (>50 ms on the main thread). `buffered` also delivers the ones before this observer.
  try {
    new PerformanceObserver(list => {
      for (const e of list.getEntries()) bench.longTasks.push({ start: performance.timeOrigin + e.startTime, duration: e.duration });
    }).observe({ type: 'longtask', buffered: true });
  } catch {
    bench.longTasksUnsupported = true;
  }

  // Websocket frames as the page's JS receives them: a subclass whose first listener is ours, so
  // it runs before the XMPP client's. Watchers record the first and last frame matching a regex.
  const NativeWebSocket = window.WebSocket;
  window.WebSocket = class extends NativeWebSocket {
    constructor(...args) {
      super(...args);
      this.addEventListener('message', event => {
        const data = typeof event.data === 'string' ? event.data : '';
        bench.ws.frames++;
        bench.ws.bytes += data.length;
        const t = now();
        for (const w of bench.ws.watchers) {
          if (w.re.test(data)) {
            w.count++;
            if (w.first === null) w.first = t;
            w.last = t;
            if (w.times.length < 10_000) w.times.push(t);
          }
        }
      });
    }
  };
  bench.watchFrames = (name, source, flags) => {
    bench.ws.watchers = bench.ws.watchers.filter(w => w.name !== name);
    bench.ws.watchers.push({ name, re: new RegExp(source, flags), first: null, last: null, count: 0, times: [] });
  };
  bench.frameWatch = name => {
    const w = bench.ws.watchers.find(x => x.name === name);
    return w ? { first: w.first, last: w.last, count: w.count } : null;
  };
  /** The first frame matching watcher `name` at or after `t` (epoch ms), or null. */
  bench.frameAfter = (name, t) => {
    const w = bench.ws.watchers.find(x => x.name === name);
    return (w && w.times.find(x => x >= t)) ?? null;
  };

  // Message elements in a component's shadow root: `data-message-id` (the attribute the chatbox
  // renders), else the element's `message` property (set before Stencil inserts the element).
  const recordElement = (el, t) => {
    const id = el.getAttribute('data-message-id');
    if (id) {
      if (!bench.domIds.has(id)) bench.domIds.set(id, { at: t, how: 'attr' });
      return;
    }
    if (el.localName === 'natter-message') {
      const prop = el.message && el.message.id;
      if (prop && !bench.domIds.has(prop)) bench.domIds.set(prop, { at: t, how: 'prop' });
    }
  };
  const recordTree = (node, t) => {
    if (node.nodeType !== 1) return;
    recordElement(node, t);
    node.querySelectorAll('[data-message-id], natter-message').forEach(el => recordElement(el, t));
  };
  bench.trackMessageElements = host => {
    const root = host.shadowRoot;
    if (!root || root.__benchTracked) return;
    root.__benchTracked = true;
    const t0 = now();
    root.querySelectorAll('[data-message-id], natter-message').forEach(el => recordElement(el, t0));
    new MutationObserver(records => {
      const t = now();
      for (const r of records) {
        if (r.type === 'attributes') recordElement(r.target, t);
        else r.addedNodes.forEach(n => recordTree(n, t));
      }
    }).observe(root, { subtree: true, childList: true, attributes: true, attributeFilter: ['data-message-id'] });
  };

  // A chatbox is tracked from the moment it gets its shadow root, so pages that do everything on
  // their own at load (auto-login) are measured from their first message element.
  const attachShadow = Element.prototype.attachShadow;
  Element.prototype.attachShadow = function (...args) {
    const root = attachShadow.apply(this, args);
    if (this.localName === 'natter-chatbox') queueMicrotask(() => bench.trackMessageElements(this));
    return root;
  };

  // Ids the conversation store holds, recorded on every store write (new ones are at either end).
  bench.trackStoreIds = store => {
    const record = messages => {
      const t = now();
      for (let i = messages.length - 1; i >= 0 && !bench.storeIds.has(messages[i].id); i--) bench.storeIds.set(messages[i].id, t);
      for (let i = 0; i < messages.length && !bench.storeIds.has(messages[i].id); i++) bench.storeIds.set(messages[i].id, t);
    };
    record(store.get('messages'));
    return store.onChange('messages', record);
  };

  /** When `id` was first shown: the DOM time if seen there, else the store time (and which). */
  bench.shownAt = id => {
    const dom = bench.domIds.get(id);
    if (dom) return { at: dom.at, how: dom.how };
    const st = bench.storeIds.get(id);
    return st === undefined ? null : { at: st, how: 'store' };
  };

  /**
   * Resolves with the epoch time at which `check()` first returned something truthy (and that value).
   * Checked on every DOM mutation under `roots` (shadow roots are not crossed by one observer, so
   * the caller names them) and on every animation frame as a fallback.
   */
  bench.when = (check, roots = [], timeoutMs = 60_000) =>
    new Promise((resolve, reject) => {
      let done = false;
      const observers = [];
      const finish = (value, error) => {
        if (done) return;
        done = true;
        observers.forEach(o => o.disconnect());
        clearTimeout(timer);
        if (error) reject(error);
        else resolve(value);
      };
      const test = () => {
        if (done) return;
        let value;
        try {
          value = check();
        } catch (e) {
          value = undefined;
        }
        if (value) finish({ at: now(), value });
      };
      for (const root of roots) {
        if (!root) continue;
        const o = new MutationObserver(test);
        o.observe(root, { subtree: true, childList: true, characterData: true, attributes: true });
        observers.push(o);
      }
      const frame = () => {
        if (done) return;
        test();
        requestAnimationFrame(frame);
      };
      const timer = setTimeout(() => finish(null, new Error(`condition not met within ${timeoutMs} ms`)), timeoutMs);
      test();
      requestAnimationFrame(frame);
    });

  // Frame times: requestAnimationFrame deltas between start and stop.
  bench.startFrames = () => {
    const f = (bench.frames = { deltas: [], last: null, running: true });
    const tick = t => {
      if (!f.running) return;
      if (f.last !== null) f.deltas.push(t - f.last);
      f.last = t;
      requestAnimationFrame(tick);
    };
    requestAnimationFrame(tick);
  };
  bench.stopFrames = () => {
    const f = bench.frames;
    if (!f) return [];
    f.running = false;
    return f.deltas;
  };

  /** Long tasks that overlap [from, to] (epoch ms). */
  bench.longTasksBetween = (from, to) => bench.longTasks.filter(t => t.start + t.duration >= from && t.start <= to);
})();
