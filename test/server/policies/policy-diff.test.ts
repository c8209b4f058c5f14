import { readFileSync } from 'node:fs';
import { describe, expect, test } from 'vitest';
import type { DiffPart, PolicySection, SectionChange } from '../../../src/contract/policy.ts';
import { SectionChangeSchema } from '../../../src/contract/policy.ts';
import type { PolicySectionsDiff } from '../../../server/policies/policy-diff.ts';
import { diffPolicySections } from '../../../server/policies/policy-diff.ts';
import { importPolicyText } from '../../../server/policies/policy-importer.ts';

const clinicSource = readFileSync(
  new URL('../../../server/seed/clinic-privacy-policy.txt', import.meta.url),
  'utf8',
);

function section(id: string, heading: string, text: string): PolicySection {
  return { id, heading, text };
}

const who = section('who-we-are', 'Who we are', 'Happy Paws is a veterinary clinic in Leeds.');
const data = section(
  'what-we-collect',
  'What we collect',
  'Your name, your address and your pet’s health records.\n\n• name\n• address',
);
const keep = section(
  'how-long-we-keep-it',
  'How long we keep it',
  'We keep your records for three months after your last visit, then delete them.',
);
const rights = section('your-rights', 'Your rights', 'You may ask for a copy of your data.');

function oldSide(parts: DiffPart[]): string {
  return parts
    .filter((part) => part.op !== 'insert')
    .map((part) => part.text)
    .join('');
}

function newSide(parts: DiffPart[]): string {
  return parts
    .filter((part) => part.op !== 'delete')
    .map((part) => part.text)
    .join('');
}

/**
 * Rebuilds both versions from the diff alone (plus the new version, for unchanged sections,
 * whose parts are empty) and checks the parts are tidy: no empty part, no two neighbours with
 * the same op.
 */
function expectDiffSpellsBothVersions(
  diff: PolicySectionsDiff,
  from: PolicySection[],
  to: PolicySection[],
): void {
  const newById = new Map(to.map((s) => [s.id, s]));
  const rebuiltOld: Omit<PolicySection, 'id'>[] = [];
  const rebuiltNew: Omit<PolicySection, 'id'>[] = [];
  for (const change of diff.sections) {
    expect(SectionChangeSchema.parse(change)).toEqual(change);
    for (const parts of [change.headingParts, change.parts]) {
      for (const [index, part] of parts.entries()) {
        expect(part.text).not.toBe('');
        expect(part.op).not.toBe(parts[index - 1]?.op);
      }
    }
    if (change.status === 'unchanged') {
      const same = newById.get(change.id);
      expect(same?.heading).toBe(change.heading);
      rebuiltOld.push({ heading: change.heading, text: same?.text ?? '' });
      rebuiltNew.push({ heading: change.heading, text: same?.text ?? '' });
      continue;
    }
    if (change.status !== 'added') {
      rebuiltOld.push({ heading: oldSide(change.headingParts), text: oldSide(change.parts) });
    }
    if (change.status !== 'removed') {
      rebuiltNew.push({ heading: newSide(change.headingParts), text: newSide(change.parts) });
      expect(newSide(change.headingParts)).toBe(change.heading);
    } else {
      expect(oldSide(change.headingParts)).toBe(change.heading);
    }
  }
  expect(rebuiltOld).toEqual(from.map(({ heading, text }) => ({ heading, text })));
  expect(rebuiltNew).toEqual(to.map(({ heading, text }) => ({ heading, text })));
}

function summary(changes: SectionChange[]): string[] {
  return changes.map((change) => `${change.status} ${change.id}`);
}

describe('policy diff', () => {
  test('identical versions are all unchanged, with no parts', () => {
    const from = [who, data, keep];
    const diff = diffPolicySections(from, structuredClone(from));

    expect(diff.stats).toEqual({ added: 0, removed: 0, changed: 0, unchanged: 3 });
    expect(diff.sections[0]).toEqual({
      id: 'who-we-are',
      status: 'unchanged',
      heading: 'Who we are',
      headingParts: [{ op: 'equal', text: 'Who we are' }],
      parts: [],
    });
    expect(diff.sections.every((change) => change.parts.length === 0)).toBe(true);
    expectDiffSpellsBothVersions(diff, from, from);
  });

  test('changed words show as a deletion and an insertion between equal text', () => {
    const from = [who, keep];
    const to = [
      who,
      {
        ...keep,
        text: 'We keep your records for six weeks after your last visit, then anonymise them.',
      },
    ];
    const diff = diffPolicySections(from, to);

    expect(diff.stats).toEqual({ added: 0, removed: 0, changed: 1, unchanged: 1 });
    expect(diff.sections[1]).toEqual({
      id: 'how-long-we-keep-it',
      status: 'changed',
      heading: 'How long we keep it',
      headingParts: [{ op: 'equal', text: 'How long we keep it' }],
      parts: [
        { op: 'equal', text: 'We keep your records for ' },
        // One replacement, not "three" → "six" and "months" → "weeks" with a space between.
        { op: 'delete', text: 'three months' },
        { op: 'insert', text: 'six weeks' },
        { op: 'equal', text: ' after your last visit, then ' },
        { op: 'delete', text: 'delete' },
        { op: 'insert', text: 'anonymise' },
        { op: 'equal', text: ' them.' },
      ],
    });
    expectDiffSpellsBothVersions(diff, from, to);
  });

  test('a new list item and paragraph are inserted with their line breaks', () => {
    const from = [data];
    const to = [{ ...data, text: `${data.text}\n• phone number\n\nWe never sell it.` }];
    const diff = diffPolicySections(from, to);

    expect(diff.sections[0]?.parts).toEqual([
      { op: 'equal', text: data.text },
      { op: 'insert', text: '\n• phone number\n\nWe never sell it.' },
    ]);
    expectDiffSpellsBothVersions(diff, from, to);
  });

  test('a removed list item is shown as a whole line', () => {
    const from = [{ ...data, text: '• name\n• address\n• phone' }];
    const to = [{ ...data, text: '• name\n• phone' }];
    const diff = diffPolicySections(from, to);

    expect(diff.sections[0]?.parts).toEqual([
      { op: 'equal', text: '• name\n' },
      { op: 'delete', text: '• address\n' },
      { op: 'equal', text: '• phone' },
    ]);
    expectDiffSpellsBothVersions(diff, from, to);
  });

  test('an added section appears where it stands in the new version', () => {
    const cookies = section('cookies', 'Cookies', 'We use one cookie to keep you signed in.');
    const from = [who, data, rights];
    const to = [who, data, cookies, rights];
    const diff = diffPolicySections(from, to);

    expect(diff.stats).toEqual({ added: 1, removed: 0, changed: 0, unchanged: 3 });
    expect(summary(diff.sections)).toEqual([
      'unchanged who-we-are',
      'unchanged what-we-collect',
      'added cookies',
      'unchanged your-rights',
    ]);
    expect(diff.sections[2]).toEqual({
      id: 'cookies',
      status: 'added',
      heading: 'Cookies',
      headingParts: [{ op: 'insert', text: 'Cookies' }],
      parts: [{ op: 'insert', text: 'We use one cookie to keep you signed in.' }],
    });
    expectDiffSpellsBothVersions(diff, from, to);
  });

  test('a removed section appears where it stood in the old version', () => {
    const from = [who, data, keep, rights];
    const to = [who, data, rights];
    const diff = diffPolicySections(from, to);

    expect(diff.stats).toEqual({ added: 0, removed: 1, changed: 0, unchanged: 3 });
    expect(summary(diff.sections)).toEqual([
      'unchanged who-we-are',
      'unchanged what-we-collect',
      'removed how-long-we-keep-it',
      'unchanged your-rights',
    ]);
    expect(diff.sections[2]).toEqual({
      id: 'how-long-we-keep-it',
      status: 'removed',
      heading: 'How long we keep it',
      headingParts: [{ op: 'delete', text: 'How long we keep it' }],
      parts: [{ op: 'delete', text: keep.text }],
    });
    expectDiffSpellsBothVersions(diff, from, to);
  });

  test('a removed first section stays first', () => {
    const from = [who, data];
    const to = [data];
    const diff = diffPolicySections(from, to);

    expect(summary(diff.sections)).toEqual(['removed who-we-are', 'unchanged what-we-collect']);
    expectDiffSpellsBothVersions(diff, from, to);
  });

  test('a renamed heading over the same text is one changed section with a heading diff', () => {
    const renamed = section('how-long-we-keep-your-data', 'How long we keep your data', keep.text);
    const from = [who, keep, rights];
    const to = [who, renamed, rights];
    const diff = diffPolicySections(from, to);

    expect(diff.stats).toEqual({ added: 0, removed: 0, changed: 1, unchanged: 2 });
    expect(diff.sections[1]).toEqual({
      id: 'how-long-we-keep-your-data',
      status: 'changed',
      heading: 'How long we keep your data',
      headingParts: [
        { op: 'equal', text: 'How long we keep ' },
        { op: 'delete', text: 'it' },
        { op: 'insert', text: 'your data' },
      ],
      parts: [{ op: 'equal', text: keep.text }],
    });
    expectDiffSpellsBothVersions(diff, from, to);
  });

  test('a renamed heading whose text was also lightly edited is still paired', () => {
    const renamed = section(
      'keeping-your-records',
      'Keeping your records',
      'We keep your records for three months after your last visit, then delete them securely.',
    );
    const from = [keep];
    const to = [renamed];
    const diff = diffPolicySections(from, to);

    expect(summary(diff.sections)).toEqual(['changed keeping-your-records']);
    expect(diff.sections[0]?.parts).toEqual([
      { op: 'equal', text: keep.text.slice(0, -1) },
      { op: 'insert', text: ' securely' },
      { op: 'equal', text: '.' },
    ]);
    expectDiffSpellsBothVersions(diff, from, to);
  });

  test('a section replaced by a different one is a removal followed by an addition', () => {
    const cookies = section('cookies', 'Cookies', 'We use one cookie to keep you signed in.');
    const from = [who, keep];
    const to = [who, cookies];
    const diff = diffPolicySections(from, to);

    expect(diff.stats).toEqual({ added: 1, removed: 1, changed: 0, unchanged: 1 });
    expect(summary(diff.sections)).toEqual([
      'unchanged who-we-are',
      'removed how-long-we-keep-it',
      'added cookies',
    ]);
    expectDiffSpellsBothVersions(diff, from, to);
  });

  test('a section that only changed its heading number keeps its id and shows the new number', () => {
    const from = [section('contact-us', '15. Contact us', 'Write to us.')];
    const to = [section('contact-us', '16. Contact us', 'Write to us.')];
    const diff = diffPolicySections(from, to);

    expect(diff.sections).toEqual([
      {
        id: 'contact-us',
        status: 'changed',
        heading: '16. Contact us',
        headingParts: [
          { op: 'delete', text: '15' },
          { op: 'insert', text: '16' },
          { op: 'equal', text: '. Contact us' },
        ],
        parts: [{ op: 'equal', text: 'Write to us.' }],
      },
    ]);
  });

  test('an empty section added or removed has no text parts', () => {
    const empty = section('annex', 'Annex', '');
    const diff = diffPolicySections([empty], [who]);

    expect(summary(diff.sections)).toEqual(['removed annex', 'added who-we-are']);
    expect(diff.sections[0]?.parts).toEqual([]);
    expectDiffSpellsBothVersions(diff, [empty], [who]);
  });
});

describe('policy diff of the clinic seed', () => {
  const before = importPolicyText(clinicSource).sections;
  const edited = clinicSource
    // A changed sentence.
    .replace(
      'We retain your account information for as long as your account is active',
      'We retain your account information for 24 months after your account is closed',
    )
    // A removed section.
    .replace(/Affiliated Companies:\n\nWe might share some data .*\n\n/, '')
    // A renamed heading.
    .replace('Opt out of certain communications:', 'Stop marketing messages:')
    // A new section before the last one.
    .replace(
      'Changes to this Privacy Policy:',
      'Pet health records:\n\nWe keep your pet’s health records for as long as the law requires.\n\nChanges to this Privacy Policy:',
    )
    // A new bullet in the introduction.
    .replace(
      '  • Other privacy information',
      '  • Your pet’s health records\n  • Other privacy information',
    );
  const after = importPolicyText(edited).sections;
  const diff = diffPolicySections(before, after);

  test('the edits are reported section by section', () => {
    expect(diff.stats).toEqual({
      added: 1,
      removed: 1,
      changed: 3,
      unchanged: before.length - 4,
    });
    expect(
      diff.sections
        .filter((change) => change.status !== 'unchanged')
        .map((c) => `${c.status} ${c.id}`),
    ).toEqual([
      'changed introduction',
      'removed affiliated-companies',
      'changed how-long-do-we-keep-your-information',
      'changed stop-marketing-messages',
      'added pet-health-records',
    ]);
    const ids = diff.sections.map((change) => change.id);
    expect(ids.indexOf('affiliated-companies')).toBe(
      ids.indexOf('compliance-with-enforcement-requests-and-applicable-laws') + 1,
    );
    expect(ids.indexOf('pet-health-records')).toBe(
      ids.indexOf('changes-to-this-privacy-policy') - 1,
    );
  });

  test('the changed sentence shows only the changed words', () => {
    const changed = diff.sections.find(
      (change) => change.id === 'how-long-do-we-keep-your-information',
    );
    expect(changed?.parts.filter((part) => part.op !== 'equal')).toEqual([
      { op: 'delete', text: 'as long as' },
      { op: 'insert', text: '24 months after' },
      { op: 'delete', text: 'active' },
      { op: 'insert', text: 'closed' },
    ]);
  });

  test('the new bullet is inserted with its own line', () => {
    const introduction = diff.sections.find((change) => change.id === 'introduction');
    expect(introduction?.parts.filter((part) => part.op !== 'equal')).toEqual([
      { op: 'insert', text: '• Your pet’s health records\n' },
    ]);
  });

  test('the renamed heading is shown as a heading change over unchanged text', () => {
    const renamed = diff.sections.find((change) => change.id === 'stop-marketing-messages');
    expect(renamed?.headingParts).toEqual([
      { op: 'delete', text: 'Opt out of certain communications' },
      { op: 'insert', text: 'Stop marketing messages' },
    ]);
    expect(renamed?.parts).toHaveLength(1);
    expect(renamed?.parts[0]?.op).toBe('equal');
  });

  test('the diff spells out both versions exactly', () => {
    expectDiffSpellsBothVersions(diff, before, after);
  });
});
