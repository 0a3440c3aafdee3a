import { stanza } from '../../spec-helpers';
import { dataFormsIn, fieldValue, parseBoolean, parseDataForm } from './parser';

describe('parseDataForm', () => {
  it('reads type, FORM_TYPE, and fields with type, label and values', () => {
    const form = parseDataForm(
      stanza(`<x xmlns="jabber:x:data" type="form">
        <title>Configuration</title>
        <field var="FORM_TYPE" type="hidden"><value>http://jabber.org/protocol/muc#roomconfig</value></field>
        <field var="muc#roomconfig_roomname" type="text-single" label="Name"><value>Cave</value></field>
        <field var="muc#roomconfig_roomadmins" type="jid-multi"><value>a@b.lit</value><value>c@d.lit</value></field>
        <field type="fixed"><value>Section</value></field>
        <field var="muc#roomconfig_roomname"><value>Duplicate</value></field>
      </x>`),
    );
    expect(form?.type).toBe('form');
    expect(form?.formType).toBe('http://jabber.org/protocol/muc#roomconfig');
    expect([...form!.fields.keys()]).toEqual(['FORM_TYPE', 'muc#roomconfig_roomname', 'muc#roomconfig_roomadmins']);
    expect(form!.fields.get('muc#roomconfig_roomname')).toEqual({ type: 'text-single', label: 'Name', values: ['Cave'] });
    expect(fieldValue(form!, 'muc#roomconfig_roomadmins')).toBe('a@b.lit');
    expect(fieldValue(form!, 'missing')).toBeUndefined();
    expect(fieldValue(undefined, 'x')).toBeUndefined();
  });

  it('defaults the type to form and tolerates a form without FORM_TYPE', () => {
    const form = parseDataForm(stanza('<x xmlns="jabber:x:data"><field var="a"/></x>'));
    expect(form).toMatchObject({ type: 'form' });
    expect(form?.formType).toBeUndefined();
    expect(form?.fields.get('a')).toEqual({ values: [] });
  });

  it('returns null for other elements and ignores fields of other namespaces', () => {
    expect(parseDataForm(stanza('<x xmlns="jabber:x:conference"/>'))).toBeNull();
    const form = parseDataForm(stanza('<x xmlns="jabber:x:data"><field xmlns="urn:other" var="a"/></x>'));
    expect(form?.fields.size).toBe(0);
  });

  it('caps the number of fields a hostile form may carry', () => {
    const many = Array.from({ length: 500 }, (_, i) => `<field var="f${i}"/>`).join('');
    expect(parseDataForm(stanza(`<x xmlns="jabber:x:data">${many}</x>`))?.fields.size).toBe(200);
  });

  it('finds the forms among a parent’s children', () => {
    const forms = dataFormsIn(stanza('<query xmlns="q"><x xmlns="jabber:x:data" type="result"/><x xmlns="other"/><x xmlns="jabber:x:data"/></query>'));
    expect(forms.map((f) => f.type)).toEqual(['result', 'form']);
  });
});

describe('parseBoolean', () => {
  it.each([
    ['1', true],
    ['true', true],
    [' true ', true],
    ['0', false],
    ['false', false],
    ['yes', undefined],
    ['', undefined],
    [undefined, undefined],
  ])('%j → %j', (v, out) => {
    expect(parseBoolean(v)).toBe(out);
  });
});
