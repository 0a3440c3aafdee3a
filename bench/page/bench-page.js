// Served next to the bench pages: what the bench asks the page to do, through the session API
// of its <natter-session>, the way an app would. Auto-login: app.html?auto=1&jid=…&password=…
// &service=…&room=…&nick=… signs in and joins the room as soon as the page loads.
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

window.benchPage = {
  session,
  joinRoom,
  async login(options) {
    const s = await session();
    await s.actions.login(options);
  },
};

if (params.get('auto')) {
  const marks = (window.benchAuto = {});
  (async () => {
    try {
      const s = await session();
      marks.session = performance.now();
      await s.actions.login({ jid: params.get('jid'), password: params.get('password'), service: params.get('service') });
      marks.online = performance.now();
      await joinRoom(params.get('room'), params.get('nick'));
      marks.joined = performance.now();
    } catch (error) {
      marks.error = String(error && error.message ? error.message : error);
    }
  })();
}
