/** XEP-0245: a body that starts with this is an action of its sender ("/me waves" reads "* Alice waves"). */
export const ME_COMMAND = '/me ';

/** What the sender does, for a `/me` body; null for any other body. */
export function meAction(body: string): string | null {
  return body.startsWith(ME_COMMAND) ? body.slice(ME_COMMAND.length) : null;
}
