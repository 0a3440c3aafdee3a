import { stanza } from '../../spec-helpers';
import { checkForm } from '../../../form-check';
import { FORM_LIMITS, formCancel, formSubmission, parseFormDefinition } from './form';

const ROOMCONFIG = 'http://jabber.org/protocol/muc#roomconfig';

describe('parseFormDefinition', () => {
  it('reads every field type with labels, descriptions, options, required, fixed texts and instructions', () => {
    const form = parseFormDefinition(
      stanza(`<x xmlns="jabber:x:data" type="form">
        <title>Configuration for "cave"</title>
        <instructions>Fill it in</instructions>
        <field var="FORM_TYPE" type="hidden"><value>${ROOMCONFIG}</value></field>
        <field type="fixed"><value>About</value></field>
        <field var="muc#roomconfig_roomname" type="text-single" label="Name"><required/><value>Cave</value></field>
        <field var="muc#roomconfig_roomdesc" type="text-multi" label="Description"><desc>Shown in lists</desc><value>a</value><value>b</value></field>
        <field var="muc#roomconfig_membersonly" type="boolean" label="Members only"><value>true</value></field>
        <field var="muc#roomconfig_roomsecret" type="text-private" label="Password"/>
        <field var="muc#roomconfig_whois" type="list-single" label="Who"><value>anyone</value>
          <option label="Moderators"><value>moderators</value></option><option label="Anyone"><value>anyone</value></option></field>
        <field var="muc#roomconfig_presencebroadcast" type="list-multi"><value>moderator</value><value>visitor</value>
          <option><value>moderator</value></option><option><value>visitor</value></option></field>
        <field var="muc#roomconfig_roomadmins" type="jid-multi"><value>a@b.lit</value></field>
        <field var="muc#roomconfig_changesubject" type="jid-single"><value>x@y.lit</value></field>
      </x>`),
    );
    expect(form).not.toBeNull();
    expect(form!.title).toBe('Configuration for "cave"');
    expect(form!.instructions).toEqual(['Fill it in']);
    expect(form!.formType).toBe(ROOMCONFIG);
    expect(form!.fields.map(f => f.type)).toEqual([
      'hidden', 'fixed', 'text-single', 'text-multi', 'boolean', 'text-private', 'list-single', 'list-multi', 'jid-multi', 'jid-single',
    ]);
    expect(form!.fields[1]).toEqual({ type: 'fixed', required: false, values: ['About'], options: [] });
    expect(form!.fields[2]).toEqual({ var: 'muc#roomconfig_roomname', type: 'text-single', label: 'Name', required: true, values: ['Cave'], options: [] });
    expect(form!.fields[3].description).toBe('Shown in lists');
    expect(form!.fields[3].values).toEqual(['a', 'b']);
    expect(form!.fields[4].values).toEqual(['1']);
    expect(form!.fields[6].options).toEqual([{ label: 'Moderators', value: 'moderators' }, { label: 'Anyone', value: 'anyone' }]);
    expect(form!.fields[7].values).toEqual(['moderator', 'visitor']);
  });

  it('is null for what is not a form to fill in', () => {
    expect(parseFormDefinition(undefined)).toBeNull();
    expect(parseFormDefinition(stanza('<x xmlns="jabber:x:data" type="submit"/>'))).toBeNull();
    expect(parseFormDefinition(stanza('<x xmlns="jabber:x:data" type="result"/>'))).toBeNull();
    expect(parseFormDefinition(stanza('<x xmlns="urn:other" type="form"/>'))).toBeNull();
    expect(parseFormDefinition(stanza('<query xmlns="jabber:x:data"/>'))).toBeNull();
  });

  it('survives malformed forms: no var, unknown types, duplicates, odd booleans, second values, foreign children', () => {
    const form = parseFormDefinition(
      stanza(`<x xmlns="jabber:x:data">
        <field type="text-single" label="no var"><value>lost</value></field>
        <field var="weird" type="bogus-type" label="Weird"><value>w</value></field>
        <field var="weird" type="boolean"><value>1</value></field>
        <field var="flag" type="boolean"><value>maybe</value></field>
        <field var="empty-flag" type="boolean"/>
        <field var="single" type="text-single"><value>one</value><value>two</value></field>
        <field var="list" type="list-single"><option label="no value"/><option><value>x</value></option><option><value>x</value></option></field>
        <field var="foreign"><value xmlns="urn:evil">no</value><value>yes</value></field>
        <field type="fixed"/>
      </x>`),
    )!;
    expect(form.fields.map(f => f.var)).toEqual(['weird', 'flag', 'empty-flag', 'single', 'list', 'foreign', undefined]);
    expect(form.fields[0].type).toBe('text-single');
    expect(form.fields[1].values).toEqual(['0']);
    expect(form.fields[2].values).toEqual(['0']);
    expect(form.fields[3].values).toEqual(['one']);
    expect(form.fields[4].options).toEqual([{ value: 'x' }]);
    expect(form.fields[5].values).toEqual(['yes']);
  });

  it('bounds hostile sizes: field, value and option counts, long labels and values', () => {
    const many = Array.from({ length: FORM_LIMITS.fields + 50 }, (_, i) => `<field var="f${i}"><value>${i}</value></field>`).join('');
    expect(parseFormDefinition(stanza(`<x xmlns="jabber:x:data" type="form">${many}</x>`))!.fields).toHaveLength(FORM_LIMITS.fields);
    const values = Array.from({ length: FORM_LIMITS.values + 10 }, (_, i) => `<value>${i}</value>`).join('');
    const options = Array.from({ length: FORM_LIMITS.options + 10 }, (_, i) => `<option><value>${i}</value></option>`).join('');
    const big = 'x'.repeat(100_000);
    const form = parseFormDefinition(
      stanza(`<x xmlns="jabber:x:data" type="form"><title>${big}</title><field var="m" type="jid-multi" label="${big}"><desc>${big}</desc>${values}</field>
        <field var="o" type="list-multi">${options}</field><field var="v"><value>${big}</value></field></x>`),
    )!;
    expect(form.title!.length).toBeLessThanOrEqual(200);
    expect(form.fields[0].label!.length).toBeLessThanOrEqual(200);
    expect(form.fields[0].description!.length).toBeLessThanOrEqual(2000);
    expect(form.fields[0].values).toHaveLength(FORM_LIMITS.values);
    expect(form.fields[1].options).toHaveLength(FORM_LIMITS.options);
    // A 100 KB value is no configuration value: it is dropped, not cut (cutting would change it).
    expect(form.fields[2].values).toEqual([]);
  });
});

describe('formSubmission / formCancel', () => {
  it('sends every named field but fixed ones, FORM_TYPE first, single types with one value, booleans as 1/0', () => {
    const x = formSubmission({
      instructions: [],
      fields: [
        { type: 'fixed', required: false, values: ['About'], options: [] },
        { var: 'muc#roomconfig_roomname', type: 'text-single', required: true, values: ['New name', 'extra'], options: [] },
        { var: 'FORM_TYPE', type: 'hidden', required: false, values: [ROOMCONFIG], options: [] },
        { var: 'muc#roomconfig_membersonly', type: 'boolean', required: false, values: ['true'], options: [] },
        { var: 'muc#roomconfig_roomadmins', type: 'jid-multi', required: false, values: ['a@b.lit', 'c@d.lit'], options: [] },
        { var: 'muc#roomconfig_roomdesc', type: 'text-multi', required: false, values: ['bad\u0000char'], options: [] },
      ],
    });
    expect(x.attrs).toEqual({ xmlns: 'jabber:x:data', type: 'submit' });
    const fields = x.getChildren('field');
    expect(fields.map(f => f.attrs.var)).toEqual(['FORM_TYPE', 'muc#roomconfig_roomname', 'muc#roomconfig_membersonly', 'muc#roomconfig_roomadmins', 'muc#roomconfig_roomdesc']);
    expect(fields.map(f => f.getChildren('value').map(v => v.getText()))).toEqual([[ROOMCONFIG], ['New name'], ['1'], ['a@b.lit', 'c@d.lit'], ['badchar']]);
  });

  it('round-trips a parsed form unchanged', () => {
    const form = parseFormDefinition(
      stanza(`<x xmlns="jabber:x:data" type="form"><field var="FORM_TYPE" type="hidden"><value>${ROOMCONFIG}</value></field>
        <field var="a" type="list-multi"><value>1</value><value>2</value><option><value>1</value></option><option><value>2</value></option></field></x>`),
    )!;
    const fields = formSubmission(form).getChildren('field');
    expect(fields.map(f => [f.attrs.var, f.getChildren('value').map(v => v.getText())])).toEqual([['FORM_TYPE', [ROOMCONFIG]], ['a', ['1', '2']]]);
  });

  it('cancel is an empty cancel form', () => {
    expect(formCancel().toString()).toBe('<x xmlns="jabber:x:data" type="cancel"/>');
  });
});

describe('checkForm', () => {
  it('reports required fields left empty and JID fields that hold no JID, ignoring hidden, fixed and booleans', () => {
    const problems = checkForm({
      instructions: [],
      fields: [
        { var: 'name', type: 'text-single', required: true, values: ['  '], options: [] },
        { var: 'admins', type: 'jid-multi', required: false, values: ['ok@example.org', 'not a jid'], options: [] },
        { var: 'service', type: 'jid-single', required: false, values: ['example.org'], options: [] },
        { var: 'h', type: 'hidden', required: true, values: [], options: [] },
        { var: 'b', type: 'boolean', required: true, values: ['0'], options: [] },
        { type: 'fixed', required: true, values: [], options: [] },
      ],
    });
    expect([...problems]).toEqual([['name', 'required'], ['admins', 'jid']]);
  });
});
