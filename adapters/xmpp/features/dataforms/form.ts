/**
 * XEP-0004 forms to fill in: the whole definition of a `type="form"` (every field type, labels,
 * descriptions, options, fixed texts, instructions) for a generic renderer, and the `submit` /
 * `cancel` answers built from it. Used for the room configuration (XEP-0045 §10.2).
 *
 * Hostile input: counts and texts are bounded (a form of thousands of fields or a megabyte label
 * is cut, never rendered whole); unknown field types are read as text-single (XEP-0004 §3.3);
 * a field without `var` is kept only when it is `fixed` (it is text to show).
 */
import type { DataFormDefinition, FormField, FormFieldType } from '../../../types';
import { NS_DATA } from '../../namespaces';
import { attr, child, xml, xmlSafe, type XmlElement } from '../../xml';

/** Most fields, values per field, options per field and instruction lines kept. */
export const FORM_LIMITS = { fields: 200, values: 100, options: 500, instructions: 20 } as const;
/** Longest label, title or option label kept (characters). */
const MAX_LABEL = 200;
/** Longest description or instruction kept. */
const MAX_TEXT = 2000;
/** Longest value kept: longer ones are not something a configuration field holds. */
const MAX_VALUE = 65_536;

const TYPES: ReadonlySet<string> = new Set<FormFieldType>([
  'boolean', 'fixed', 'hidden', 'jid-multi', 'jid-single', 'list-multi', 'list-single', 'text-multi', 'text-private', 'text-single',
]);
/** Types whose field holds one value: a second one sent is ignored. */
const SINGLE: ReadonlySet<FormFieldType> = new Set<FormFieldType>(['boolean', 'hidden', 'jid-single', 'list-single', 'text-private', 'text-single']);

function bounded(text: string | undefined, max: number): string | undefined {
  if (text === undefined) return undefined;
  const t = text.length > max ? text.slice(0, max) : text;
  return t.trim().length > 0 ? t : undefined;
}

/** The text of a direct child in the data forms namespace, bounded. */
function textOf(el: XmlElement, name: string, max: number): string | undefined {
  const c = child(el, name, NS_DATA);
  return c ? bounded(c.getText(), max) : undefined;
}

/** XEP-0004 boolean as the form's canonical `1` / `0` (anything unreadable is false). */
function booleanValue(v: string | undefined): string {
  const t = v?.trim();
  return t === '1' || t === 'true' ? '1' : '0';
}

function parseField(f: XmlElement): FormField | null {
  const rawType = attr(f, 'type');
  const type: FormFieldType = rawType && TYPES.has(rawType) ? (rawType as FormFieldType) : 'text-single';
  const name = attr(f, 'var');
  if (name === undefined && type !== 'fixed') return null;
  const values: string[] = [];
  const options: FormField['options'] = [];
  let description: string | undefined;
  let required = false;
  for (const c of f.getChildElements()) {
    if (c.getNS() !== NS_DATA) continue;
    if (c.name === 'value' && values.length < FORM_LIMITS.values) {
      const v = c.getText();
      if (v.length <= MAX_VALUE) values.push(v);
    } else if (c.name === 'option' && options.length < FORM_LIMITS.options) {
      const v = child(c as XmlElement, 'value', NS_DATA)?.getText();
      if (v === undefined || v.length > MAX_VALUE || options.some((o) => o.value === v)) continue;
      const label = bounded(attr(c as XmlElement, 'label'), MAX_LABEL);
      options.push(label !== undefined ? { label, value: v } : { value: v });
    } else if (c.name === 'desc' && description === undefined) {
      description = bounded(c.getText(), MAX_TEXT);
    } else if (c.name === 'required') {
      required = true;
    }
  }
  const field: FormField = { type, required, values: SINGLE.has(type) ? values.slice(0, 1) : values, options };
  if (type === 'boolean') field.values = [booleanValue(values[0])];
  if (name !== undefined) field.var = name;
  const label = bounded(attr(f, 'label'), MAX_LABEL);
  if (label !== undefined) field.label = label;
  if (description !== undefined) field.description = description;
  return field;
}

/**
 * Reads a form to fill in from `<x xmlns="jabber:x:data" type="form">`. Null when `x` is not a data
 * form, or is a `submit` / `cancel` / `result` (nothing to fill in). Duplicate field names keep the first.
 */
export function parseFormDefinition(x: XmlElement | undefined): DataFormDefinition | null {
  if (!x || x.name !== 'x' || x.getNS() !== NS_DATA) return null;
  const type = attr(x, 'type') ?? 'form';
  if (type !== 'form') return null;
  const fields: FormField[] = [];
  const names = new Set<string>();
  const instructions: string[] = [];
  for (const c of x.getChildElements()) {
    if (c.getNS() !== NS_DATA) continue;
    if (c.name === 'instructions' && instructions.length < FORM_LIMITS.instructions) {
      const text = bounded(c.getText(), MAX_TEXT);
      if (text !== undefined) instructions.push(text);
    } else if (c.name === 'field') {
      if (fields.length >= FORM_LIMITS.fields) continue;
      const field = parseField(c as XmlElement);
      if (!field) continue;
      if (field.var !== undefined) {
        if (names.has(field.var)) continue;
        names.add(field.var);
      }
      fields.push(field);
    }
  }
  const form: DataFormDefinition = { instructions, fields };
  const title = textOf(x, 'title', MAX_LABEL);
  if (title !== undefined) form.title = title;
  const formType = fields.find((f) => f.var === 'FORM_TYPE')?.values[0];
  if (formType) form.formType = formType;
  return form;
}

/**
 * The `submit` answer to a form: every named field but `fixed` ones, with its values (hidden ones
 * as the server gave them, FORM_TYPE first). Values go through `xmlSafe()`; single-value fields
 * send at most one value.
 */
export function formSubmission(form: DataFormDefinition): XmlElement {
  const fields = form.fields.filter((f) => f.var !== undefined && f.type !== 'fixed');
  fields.sort((a, b) => (a.var === 'FORM_TYPE' ? -1 : b.var === 'FORM_TYPE' ? 1 : 0));
  return xml(
    'x',
    { xmlns: NS_DATA, type: 'submit' },
    ...fields.map((f) => {
      const values = f.type === 'boolean' ? [booleanValue(f.values[0])] : SINGLE.has(f.type) ? f.values.slice(0, 1) : f.values;
      return xml('field', { var: f.var! }, ...values.map((v) => xml('value', {}, xmlSafe(v))));
    }),
  );
}

/** The `cancel` answer: the form is not submitted (XEP-0004 §3.2). */
export function formCancel(): XmlElement {
  return xml('x', { xmlns: NS_DATA, type: 'cancel' });
}
