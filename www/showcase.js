// The showcase: the demo account signs in at once, so `npm start` shows working components;
// the switchers and the token playground only set attributes and custom properties, as an app would.
const root = document.documentElement;
const demo = document.getElementById('demo-session');
const gallery = document.getElementById('gallery-session');
const demoApp = document.getElementById('demo-app');

await customElements.whenDefined('natter-session');
await Promise.all([demo.componentOnReady(), gallery.componentOnReady()]);
demo.session.actions
  .login({ jid: 'you@demo.natter.chat', password: 'demo' })
  // A room with its occupant sidebar first: the lounge is bookmarked with autojoin.
  .then(() => demo.session.actions.openConversation('lounge@rooms.demo.natter.chat'))
  .catch(error => console.error('[natter showcase] demo sign-in failed', error));
gallery.session.actions
  .login({ jid: 'you@demo.natter.chat', password: 'demo' })
  .then(async () => {
    gallery.session.actions.openConversation('alice@demo.natter.chat');
    // The app above shows Farah's contact request; here she is a contact already (one
    // "Contact requests" region on the page, not two with the same name).
    await gallery.session.actions.approveSubscription('farah@demo.natter.chat');
  })
  .catch(error => console.error('[natter showcase] gallery sign-in failed', error));

// ?service=ws://127.0.0.1:5280/xmpp-websocket&jid=me@localhost prefills the real-server form.
const params = new URLSearchParams(location.search);
const serverApp = document.getElementById('server-app');
if (params.get('service')) serverApp.service = params.get('service');
if (params.get('jid')) serverApp.jid = params.get('jid');
if (params.get('service') || params.get('jid')) document.getElementById('server-details').open = true;

// ------------------------------------------------------------------ switchers

const themeSelect = document.getElementById('theme');
const layoutSelect = document.getElementById('layout');

function setTheme(theme) {
  root.dataset.natterTheme = theme;
  themeSelect.value = theme;
  showTokens();
}

function setLayout(layout) {
  demoApp.setAttribute('layout', layout);
  layoutSelect.value = layout;
  document.getElementById('layout-note').textContent = layout;
  document.getElementById('overlay-note').hidden = layout !== 'overlay';
  document.body.dataset.layout = layout;
}

themeSelect.addEventListener('change', () => setTheme(themeSelect.value));
layoutSelect.addEventListener('change', () => setLayout(layoutSelect.value));
document.getElementById('direction').addEventListener('change', event => {
  root.dir = event.target.value;
});
// Fullscreen covers the page: Escape brings the app back into it.
document.addEventListener('keydown', event => {
  if (event.key === 'Escape' && demoApp.getAttribute('layout') === 'fullscreen') {
    setLayout('embedded');
    layoutSelect.focus();
  }
});

// ------------------------------------------------------------------ token playground

const playground = document.getElementById('playground');
const inputs = [...playground.querySelectorAll('input[data-token]')];
const SPACE_STEPS = [1, 2, 3, 4]; // --natter-space-N is N times the step
/** Tokens set here, on top of the theme (inline on <html>, so they win over the theme's rule). */
const overrides = new Map();

function themeValue(token) {
  // Read the theme's value with the playground's own override taken off.
  const own = root.style.getPropertyValue(token);
  root.style.removeProperty(token);
  const value = getComputedStyle(root).getPropertyValue(token).trim();
  if (own) root.style.setProperty(token, own);
  return value;
}

function toHex(colour) {
  const probe = document.createElement('span');
  probe.style.color = colour;
  document.body.append(probe);
  const [r, g, b] = getComputedStyle(probe).color.match(/\d+(\.\d+)?/g).map(Number);
  probe.remove();
  return `#${[r, g, b].map(v => Math.round(v).toString(16).padStart(2, '0')).join('')}`;
}

function luminance(hex) {
  const [r, g, b] = [1, 3, 5].map(i => {
    const v = parseInt(hex.slice(i, i + 2), 16) / 255;
    return v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4;
  });
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
}

function contrast(a, b) {
  const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x);
  return (hi + 0.05) / (lo + 0.05);
}

function current(token) {
  return overrides.get(token) ?? themeValue(token);
}

/** Puts the current values (the theme's, or the playground's) into the controls, the readout and the CSS. */
function showTokens() {
  for (const input of inputs) {
    const token = input.dataset.token;
    if (input.type === 'color') {
      input.value = toHex(current(token) || '#000000');
    } else {
      const value = token === 'spacing' ? current('--natter-space-1') : current(token);
      input.value = String(parseFloat(value) || input.min);
      playground.querySelector(`output[data-for="${token}"]`).value = token === 'spacing' ? `${input.value}px steps` : `${input.value}px`;
    }
  }
  const hex = token => toHex(current(token));
  const pairs = [
    ['Text on surface', hex('--natter-color-text'), hex('--natter-color-surface')],
    ['Text on the accent', hex('--natter-color-on-accent'), hex('--natter-color-accent')],
    ['Accent on the background', hex('--natter-color-accent'), hex('--natter-color-bg')],
  ];
  document.getElementById('contrast').textContent = pairs
    .map(([what, fg, bg]) => {
      const ratio = contrast(fg, bg);
      return `${what}: ${ratio.toFixed(1)}:1 ${ratio >= 4.5 ? '(meets AA)' : '(below AA 4.5:1)'}`;
    })
    .join(' · ');
  const lines = [...overrides].map(([token, value]) => `  ${token}: ${value};`);
  document.getElementById('token-css').textContent = lines.length
    ? `.my-theme {\n${lines.join('\n')}\n}`
    : `/* The ${root.dataset.natterTheme} theme as it is: change a token above. */`;
}

for (const input of inputs) {
  input.addEventListener('input', () => {
    const token = input.dataset.token;
    const value = input.type === 'color' ? input.value : `${input.value}${input.dataset.unit}`;
    if (token === 'spacing') {
      for (const n of SPACE_STEPS) {
        const step = `--natter-space-${n}`;
        overrides.set(step, `${Number(input.value) * n}px`);
        root.style.setProperty(step, overrides.get(step));
      }
    } else {
      overrides.set(token, value);
      root.style.setProperty(token, value);
    }
    showTokens();
  });
}

document.getElementById('reset-tokens').addEventListener('click', () => {
  for (const token of overrides.keys()) root.style.removeProperty(token);
  overrides.clear();
  showTokens();
});

// ------------------------------------------------------------------ code tabs

const tabs = [...document.querySelectorAll('[role=tab]')];
function selectTab(tab) {
  for (const other of tabs) {
    const selected = other === tab;
    other.setAttribute('aria-selected', String(selected));
    other.tabIndex = selected ? 0 : -1;
    document.getElementById(other.getAttribute('aria-controls')).hidden = !selected;
  }
}
for (const tab of tabs) {
  tab.addEventListener('click', () => selectTab(tab));
  // Arrow keys move between tabs (in the reading direction), Home/End to the ends.
  tab.addEventListener('keydown', event => {
    const rtl = getComputedStyle(tab).direction === 'rtl';
    const index = tabs.indexOf(tab);
    const next = { ArrowRight: rtl ? -1 : 1, ArrowLeft: rtl ? 1 : -1 }[event.key];
    let target = null;
    if (next) target = tabs[(index + next + tabs.length) % tabs.length];
    if (event.key === 'Home') target = tabs[0];
    if (event.key === 'End') target = tabs[tabs.length - 1];
    if (!target) return;
    event.preventDefault();
    selectTab(target);
    target.focus();
  });
}

setTheme(themeSelect.value);
setLayout(demoApp.getAttribute('layout') ?? 'embedded');
