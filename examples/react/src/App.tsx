import { useEffect, useState } from 'react';
import { NatterChatbox, NatterRoster, NatterSession } from 'natter-react';
import { createDemoAdapter, createSession } from 'natter/components';
import type { NatterRosterCustomEvent, NatterRosterSelectDetail } from 'natter';

// One account for the page, on Natter's demo network. Made from `natter/components`, the build the
// wrappers use, so the elements and this session share one store runtime.
const session = createSession({ adapter: createDemoAdapter() });

/** A roster and a chatbox; the contact picked in the roster is React state, passed to the chatbox. */
export function App() {
  const [contact, setContact] = useState<string>();

  useEffect(() => {
    // The demo network takes any address and password; a real app signs in with <natter-login>.
    session.actions.login({ jid: 'you@demo.natter.chat', password: 'demo' }).catch(error => console.error('[natter example] demo sign-in failed', error));
  }, []);

  const onSelect = (event: NatterRosterCustomEvent<NatterRosterSelectDetail>) => setContact(event.detail.jid);

  return (
    <main>
      <h1>Natter in React</h1>
      <p id="selected" aria-live="polite">
        {contact ? `Chatting with ${contact}` : 'Pick a contact'}
      </p>
      <NatterSession session={session}>
        <div className="chat">
          <NatterRoster onNatterRosterSelect={onSelect} />
          <NatterChatbox conversation={contact} />
        </div>
      </NatterSession>
    </main>
  );
}
