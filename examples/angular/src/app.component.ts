import { Component, type OnInit, signal } from '@angular/core';
import { FormsModule } from '@angular/forms';
import { NatterChatbox, NatterComposer, NatterRoster, NatterSession, TextValueAccessor } from 'natter-angular';
import { createDemoAdapter, createSession } from 'natter/components';
import type { NatterRosterCustomEvent, NatterRosterSelectDetail } from 'natter';

/**
 * A roster and a chatbox on Natter's demo network; the contact picked in the roster is Angular
 * state, and a composer's text is bound with ngModel (TextValueAccessor makes it a form control).
 */
@Component({
  selector: 'natter-example',
  imports: [FormsModule, NatterSession, NatterRoster, NatterChatbox, NatterComposer, TextValueAccessor],
  template: `
    <main>
      <h1>Natter in Angular</h1>
      <p id="selected" aria-live="polite">{{ contact() ? 'Chatting with ' + contact() : 'Pick a contact' }}</p>
      <natter-session [session]="session">
        <div class="chat">
          <natter-roster (natterRosterSelect)="onSelect($event)"></natter-roster>
          <natter-chatbox [conversation]="contact()"></natter-chatbox>
        </div>
        @if (contact(); as jid) {
          <h2>The draft, bound with ngModel</h2>
          <p>The chatbox's composer shares it: both write the conversation's draft.</p>
          <natter-composer id="bound-composer" [conversation]="jid" [ngModel]="draft()" (ngModelChange)="draft.set($event)"></natter-composer>
          <p id="draft-length">{{ draft().length }} characters in the draft</p>
          <button id="clear-draft" type="button" (click)="draft.set('')">Clear the draft</button>
        }
      </natter-session>
    </main>
  `,
})
export class AppComponent implements OnInit {
  // From `natter/components`, the build the wrappers use, so the elements and this session share one store runtime.
  readonly session = createSession({ adapter: createDemoAdapter() });
  readonly contact = signal<string | undefined>(undefined);
  readonly draft = signal('');

  ngOnInit(): void {
    // The demo network takes any address and password; a real app signs in with <natter-login>.
    this.session.actions.login({ jid: 'you@demo.natter.chat', password: 'demo' }).catch(error => console.error('[natter example] demo sign-in failed', error));
  }

  onSelect(event: NatterRosterCustomEvent<NatterRosterSelectDetail>): void {
    this.contact.set(event.detail.jid);
  }
}
