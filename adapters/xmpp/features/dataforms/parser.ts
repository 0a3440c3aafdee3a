/** XEP-0004 data forms, as far as the adapter reads them (disco extensions, room configuration). */
import { NS_DATA } from '../../namespaces';
import { attr, childrenInNs, type XmlElement } from '../../xml';

export interface DataField {
  type?: string;
  label?: string;
  values: string[];
}

export interface DataForm {
  /** form | submit | cancel | result */
  type: string;
  /** The value of the hidden FORM_TYPE field, if any. */
  formType?: string;
  /** Fields by `var`, in document order; fields without a `var` (fixed texts) are left out. */
  fields: Map<string, DataField>;
}

/** Most fields a form may have before the rest is ignored (a hostile peer could send thousands). */
const MAX_FIELDS = 200;
const MAX_VALUES = 100;

/** Parses one `<x xmlns="jabber:x:data">`; null when it is not one. */
export function parseDataForm(x: XmlElement): DataForm | null {
  if (x.name !== 'x' || x.getNS() !== NS_DATA) return null;
  const fields = new Map<string, DataField>();
  for (const f of x.getChildElements()) {
    if (f.name !== 'field' || f.getNS() !== NS_DATA) continue;
    const name = attr(f as XmlElement, 'var');
    if (!name || fields.has(name)) continue;
    if (fields.size >= MAX_FIELDS) break;
    const field: DataField = {
      values: f
        .getChildElements()
        .filter((v) => v.name === 'value')
        .slice(0, MAX_VALUES)
        .map((v) => v.getText()),
    };
    const type = attr(f as XmlElement, 'type');
    const label = attr(f as XmlElement, 'label');
    if (type) field.type = type;
    if (label) field.label = label;
    fields.set(name, field);
  }
  const form: DataForm = { type: attr(x, 'type') ?? 'form', fields };
  const formType = fields.get('FORM_TYPE')?.values[0];
  if (formType) form.formType = formType;
  return form;
}

/** All data forms that are direct children of `parent`. */
export function dataFormsIn(parent: XmlElement): DataForm[] {
  return childrenInNs(parent, NS_DATA)
    .map((x) => parseDataForm(x))
    .filter((f): f is DataForm => f !== null);
}

/** The first value of a field, if the field has one. */
export function fieldValue(form: DataForm | undefined, name: string): string | undefined {
  return form?.fields.get(name)?.values[0];
}

/** XEP-0004 boolean: `1`/`true` are true, `0`/`false` false, anything else undefined. */
export function parseBoolean(value: string | undefined): boolean | undefined {
  if (value === undefined) return undefined;
  const v = value.trim();
  if (v === '1' || v === 'true') return true;
  if (v === '0' || v === 'false') return false;
  return undefined;
}
