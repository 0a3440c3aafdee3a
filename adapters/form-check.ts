/**
 * The check a data form (XEP-0004, e.g. a room configuration) gets before it is submitted: no
 * protocol here, so components may use it. The server checks again; its refusal is shown too.
 */
import type { DataFormDefinition } from './types';

/** Why a filled-in field cannot be sent as it is: a required one left empty, or a JID field holding something that is no JID. */
export type FieldProblem = 'required' | 'jid';

/** A JID of any kind (a domain alone too), by its shape: no spaces, no empty part. */
export function looksLikeAnyJid(text: string): boolean {
  return /^(?:[^@\s/]+@)?[^@\s/]+(?:\/\S+)?$/.test(text);
}

/**
 * Checks a filled-in form before it is sent (the server checks again, and its refusal is shown
 * too): by field name, what is wrong. `isJid` says whether a text is a JID.
 */
export function checkForm(form: DataFormDefinition, isJid: (text: string) => boolean = looksLikeAnyJid): Map<string, FieldProblem> {
  const problems = new Map<string, FieldProblem>();
  for (const f of form.fields) {
    if (f.var === undefined || f.type === 'fixed' || f.type === 'hidden' || f.type === 'boolean') continue;
    const values = f.values.filter((v) => v.trim().length > 0);
    if (f.required && values.length === 0) problems.set(f.var, 'required');
    else if ((f.type === 'jid-single' || f.type === 'jid-multi') && values.some((v) => !isJid(v.trim()))) problems.set(f.var, 'jid');
  }
  return problems;
}
