// The showcase signs in to the demo network at once, so `npm start` shows a working chat.
const demo = document.getElementById('demo-session');
await customElements.whenDefined('natter-session');
await demo.componentOnReady();
demo.session.actions
  .login({ jid: 'you@demo.natter.chat', password: 'demo' })
  // Show a room with its occupant sidebar first: the lounge is bookmarked with autojoin.
  .then(() => demo.session.actions.openConversation('lounge@rooms.demo.natter.chat'))
  .catch(error => console.error('[natter showcase] demo sign-in failed', error));

// ?service=ws://127.0.0.1:5280/xmpp-websocket&jid=me@localhost prefills the real-server form.
const params = new URLSearchParams(location.search);
const serverApp = document.getElementById('server-app');
if (params.get('service')) serverApp.service = params.get('service');
if (params.get('jid')) serverApp.jid = params.get('jid');

document.getElementById('direction').addEventListener('change', event => {
  document.documentElement.dir = event.target.value;
});
document.getElementById('theme').addEventListener('change', event => {
  document.documentElement.dataset.theme = event.target.value;
});
