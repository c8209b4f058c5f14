import { readFileSync } from 'node:fs';
import { describe, expect, test } from 'vitest';
import { PolicySectionSchema } from '../../../src/contract/policy.ts';
import type { ImportedPolicy } from '../../../server/policies/policy-importer.ts';
import { importPolicyText, sectionIdFor } from '../../../server/policies/policy-importer.ts';

const clinicSource = readFileSync(
  new URL('../../../server/seed/clinic-privacy-policy.txt', import.meta.url),
  'utf8',
);
const vendorSource = readFileSync(
  new URL('../../../server/seed/vendor-privacy-policy.txt', import.meta.url),
  'utf8',
);

const CLINIC_HEADINGS = [
  'Introduction',
  'What kind of information do we collect about you?',
  'Account and Profile Information',
  'The content you provide through our products',
  'Information you provide through our support channels',
  'Billing and Payment Information',
  'Information we collect automatically when you use the Services',
  'Cookies and Other Tracking Technologies',
  'Other services you link to your account',
  'How we use the information we collect',
  'To provide the Services',
  'To personalize and optimize your experience',
  'To improve our Services',
  'To communicate with you about the Services',
  'To market and boost your engagement in the Services',
  'For Customer Support',
  'For Safety and Security',
  'To protect our business interests and legal rights',
  'What is the legal basis for processing the data?',
  'How is this data shared?',
  'For Collaboration',
  'Third-Party Apps, Social Widgets, Third-Party Widgets',
  'Compliance with Enforcement Requests and Applicable Laws',
  'Affiliated Companies',
  'Business Transfers',
  'How do we store and secure it?',
  'How long do we keep your information?',
  'How can you access and control the data we have about you?',
  'Access and amend information about you',
  'Remove your information and delete the account',
  'Opt out of certain communications',
  'Cookies',
  'Our policy toward children',
  'Changes to this Privacy Policy',
];

const VENDOR_HEADINGS = [
  '1. Who are we?',
  '2. Defined Terms',
  '3. What is this Privacy Policy for?',
  '4. Updates to this Privacy Policy',
  '5. What information does Kontak collect?',
  '6. Legal basis for which we will use your personal data',
  '7. Use of cookies',
  '8. Advertising',
  '9. Purposes for which Kontak uses the information collected',
  '10. Security, Data Storage and International Transfers, and Retention',
  '11. We may transfer your Personal Data to third parties as follows',
  // Sections 12 to 16 run their first sentence in after the heading: "13. Heading: Text …".
  '12. You have the right to',
  '13. Your California Privacy Rights',
  '14. Ceasing use of our services',
  '15. Change of details',
  '16. Contact us',
];
const VENDOR_RUN_IN_HEADINGS = new Set(VENDOR_HEADINGS.slice(11));

/** The website's push and install banners that follow the clinic policy when copied. */
const CLINIC_CHROME = [
  'Push Notifications are disabled',
  'hide',
  "DR. KIM'S VETERINARY CLINIC",
  'Add to homescreen',
  'hide',
];

const clinic = importPolicyText(clinicSource);
const vendor = importPolicyText(vendorSource);

function nonBlankLines(text: string): string[] {
  return text
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line !== '');
}

/**
 * The imported policy written back as source lines, in order: each heading on its line (or run
 * in with the first line of its text), then the lines of its text.
 */
function linesOf(policy: ImportedPolicy, runInHeadings: Set<string>): string[] {
  return policy.sections.flatMap((section) => {
    const lines = nonBlankLines(section.text);
    if (runInHeadings.has(section.heading)) {
      const [first = '', ...rest] = lines;
      return [`${section.heading}: ${first}`, ...rest];
    }
    return section.heading === 'Introduction' ? lines : [section.heading, ...lines];
  });
}

/** Source lines with the colon that the importer strips from headings taken off. */
function withoutHeadingColons(lines: string[], headings: string[]): string[] {
  const known = new Set(headings);
  return lines.map((line) => (known.has(line.replace(/:$/, '')) ? line.replace(/:$/, '') : line));
}

function expectWellFormed(policy: ImportedPolicy): void {
  for (const section of policy.sections) {
    expect(PolicySectionSchema.parse(section)).toEqual(section);
    expect(section.text).not.toMatch(/\n{3,}/);
    expect(section.text).not.toMatch(/^\s|\s$/);
    for (const line of section.text.split('\n')) expect(line).toBe(line.trim());
  }
  const ids = policy.sections.map((section) => section.id);
  expect(new Set(ids).size).toBe(ids.length);
}

describe('clinic policy seed', () => {
  test('the title is read in a readable case and the update line gives the date', () => {
    expect(clinic.title).toBe('Privacy Policy');
    expect(clinic.updatedOn).toBe('2020-04-07');
  });

  test('every heading is found, in order, with nothing else taken for a heading', () => {
    expect(clinic.sections.map((section) => section.heading)).toEqual(CLINIC_HEADINGS);
  });

  test('every line of the policy lands in exactly one section, in order, and nothing else does', () => {
    const source = nonBlankLines(clinicSource);
    expect(source[0]).toBe('PRIVACY POLICY');
    expect(source[1]).toBe('Update: April 7, 2020');
    expect(source.slice(-CLINIC_CHROME.length)).toEqual(CLINIC_CHROME);
    const policyLines = source.slice(2, -CLINIC_CHROME.length);

    expect(linesOf(clinic, new Set())).toEqual(withoutHeadingColons(policyLines, CLINIC_HEADINGS));
  });

  test('the website chrome after the policy is dropped', () => {
    const everything = clinic.sections.map((section) => `${section.heading}\n${section.text}`);
    for (const chrome of CLINIC_CHROME) {
      expect(everything.some((text) => nonBlankLines(text).includes(chrome))).toBe(false);
    }
    expect(everything.join('\n')).not.toMatch(/Push Notifications|homescreen|DR\. KIM/);
    expect(clinic.sections.at(-1)?.text).toMatch(/as outlined above\.$/);
  });

  test('the text before the first heading becomes the introduction, with its bullet list', () => {
    const introduction = clinic.sections[0];
    expect(introduction?.id).toBe('introduction');
    expect(introduction?.text).toContain(
      'help you answer these questions:\n\n' +
        '• What kind of information do we collect about you?\n' +
        '• How do we use the data and information we gather?\n' +
        '• What is the legal basis for processing the data?\n' +
        '• How is this data shared?\n' +
        '• How do we store and secure it?\n' +
        '• How can you access and control the data we have about you?\n' +
        '• Other privacy information\n\n' +
        'This Privacy Policy covers',
    );
    expect(introduction?.text).not.toContain('Update:');
  });

  test('a sentence ending with a colon before a list stays in its section', () => {
    const legalBasis = clinic.sections.find((section) =>
      section.id.startsWith('what-is-the-legal'),
    );
    expect(legalBasis?.text).toMatch(
      /^We collect, use, and share the data that we have in the ways described above:\n\n• as necessary to provide you the Services, .*;\n• as necessary to comply with our legal obligations;\n• as necessary for our \(or others\) legitimate interests, .*personal data\n\nIf you have consented/,
    );
  });

  test('a sentence ending with a colon before a heading stays in its section', () => {
    const shared = clinic.sections.find((section) => section.id === 'how-is-this-data-shared');
    expect(shared?.text).toMatch(/\n\nThis being said, .* in particular:$/);
  });

  test('curly quotes and apostrophes are kept as written', () => {
    const widgets = clinic.sections.find((section) => section.heading.startsWith('Third-Party'));
    expect(widgets?.text).toContain(
      "Facebook's “Like Box”), or third-party widgets (such as Twitter’s “Tweet” button)",
    );
  });

  test('the section ids are slugs of the headings', () => {
    expect(clinic.sections.map((section) => section.id)).toEqual([
      'introduction',
      'what-kind-of-information-do-we-collect-about-you',
      'account-and-profile-information',
      'the-content-you-provide-through-our-products',
      'information-you-provide-through-our-support-channels',
      'billing-and-payment-information',
      'information-we-collect-automatically-when-you-use-the-services',
      'cookies-and-other-tracking-technologies',
      'other-services-you-link-to-your-account',
      'how-we-use-the-information-we-collect',
      'to-provide-the-services',
      'to-personalize-and-optimize-your-experience',
      'to-improve-our-services',
      'to-communicate-with-you-about-the-services',
      'to-market-and-boost-your-engagement-in-the-services',
      'for-customer-support',
      'for-safety-and-security',
      'to-protect-our-business-interests-and-legal-rights',
      'what-is-the-legal-basis-for-processing-the-data',
      'how-is-this-data-shared',
      'for-collaboration',
      'third-party-apps-social-widgets-third-party-widgets',
      'compliance-with-enforcement-requests-and-applicable-laws',
      'affiliated-companies',
      'business-transfers',
      'how-do-we-store-and-secure-it',
      'how-long-do-we-keep-your-information',
      'how-can-you-access-and-control-the-data-we-have-about-you',
      'access-and-amend-information-about-you',
      'remove-your-information-and-delete-the-account',
      'opt-out-of-certain-communications',
      'cookies',
      'our-policy-toward-children',
      'changes-to-this-privacy-policy',
    ]);
  });

  test('the sections match the contract and are tidy plain text', () => {
    expectWellFormed(clinic);
  });

  test('importing the same text twice gives the same sections', () => {
    expect(importPolicyText(clinicSource)).toEqual(clinic);
  });

  test('Windows line endings and a byte order mark give the same result', () => {
    const windows = `\uFEFF${clinicSource.replace(/\n/g, '\r\n')}`;
    expect(windows).toContain('\r\n');
    expect(importPolicyText(windows)).toEqual(clinic);
  });
});

describe('vendor policy seed', () => {
  test('the title is the first line and there is no update date', () => {
    expect(vendor.title).toBe('Privacy Policy');
    expect(vendor.updatedOn).toBeNull();
  });

  test('every numbered heading is found, in order, with nothing else taken for a heading', () => {
    expect(vendor.sections.map((section) => section.heading)).toEqual(VENDOR_HEADINGS);
  });

  test('every line of the policy lands in exactly one section, in order, and nothing else does', () => {
    const source = nonBlankLines(vendorSource);
    expect(source[0]).toBe('Privacy Policy');
    expect(linesOf(vendor, VENDOR_RUN_IN_HEADINGS)).toEqual(
      withoutHeadingColons(source.slice(1), VENDOR_HEADINGS),
    );
  });

  test('numbered sub-items stay inside their section as a numbered list', () => {
    const collected = vendor.sections.find((section) => section.heading.startsWith('5. '));
    const lines = collected?.text.split('\n') ?? [];
    expect(lines[0]).toMatch(/^Kontak collects and stores .* from 5 sources as follows:$/);
    expect(lines[1]).toBe('');
    expect(lines.slice(2, 7).map((line) => line.slice(0, line.indexOf(':')))).toEqual([
      '1. All users',
      '2. If you are a veterinary clinic customer',
      '3. If you are a veterinary clinic',
      '4. Information from outside sources',
      '5. Any information that you voluntarily provide to us',
    ]);
    expect(lines[7]).toBe('');
    expect(lines[8]).toMatch(/^We do not collect any special categories/);
    expect(vendor.sections.some((section) => /^\d+\. All users/.test(section.heading))).toBe(false);
  });

  test('bullets nested under a numbered sub-item are kept as list lines after it', () => {
    const transfers = vendor.sections.find((section) => section.heading.startsWith('11. '));
    expect(transfers?.text).toMatch(
      /\n5\. Our service providers: .* include:\n• Amazon AWS: server and database infrastructure, and outgoing email servers\.\n• Our internal business applications /,
    );
    expect(transfers?.text).toContain(
      '• Our tools that are used for Secure Access Management: ElasticSearch / Kibana, OpenVPN, Zero Tier.\n\nService Providers may include',
    );
    expect(transfers?.text).toMatch(
      /\n\n6\. Third parties for marketing purposes: .*\n7\. Business transfers/,
    );
  });

  test('the California rights run in after their heading and keep their bullets', () => {
    const california = vendor.sections.find(
      (section) => section.id === 'your-california-privacy-rights',
    );
    expect(california?.heading).toBe('13. Your California Privacy Rights');
    expect(california?.text).toMatch(
      /^For the 12-month period prior to the date of this Privacy Policy/,
    );
    expect(california?.text).toMatch(
      /with respect to your Personal Data:\n\n• The right to know .*\n• The right to request that we delete /,
    );
  });

  test('section ids leave out the section number', () => {
    expect(vendor.sections.map((section) => section.id)).toEqual([
      'who-are-we',
      'defined-terms',
      'what-is-this-privacy-policy-for',
      'updates-to-this-privacy-policy',
      'what-information-does-kontak-collect',
      'legal-basis-for-which-we-will-use-your-personal-data',
      'use-of-cookies',
      'advertising',
      'purposes-for-which-kontak-uses-the-information-collected',
      'security-data-storage-and-international-transfers-and-retention',
      'we-may-transfer-your-personal-data-to-third-parties-as-follows',
      'you-have-the-right-to',
      'your-california-privacy-rights',
      'ceasing-use-of-our-services',
      'change-of-details',
      'contact-us',
    ]);
  });

  test('the sections match the contract and are tidy plain text', () => {
    expectWellFormed(vendor);
  });

  test('Windows line endings give the same result', () => {
    expect(importPolicyText(vendorSource.replace(/\n/g, '\r\n'))).toEqual(vendor);
  });
});

describe('clinic format', () => {
  const text = [
    'OUR PRIVACY POLICY',
    '',
    'Last updated on 29 February 2024',
    '',
    'We look after your pet and your data.   ',
    '',
    '',
    '',
    'What we collect:',
    '',
    'Your name and your pet’s name.',
    '',
    'We share your data with others only in these cases:',
    '',
    '  • your vet needs a specialist;',
    '  • the law requires it.',
    '',
    'Your rights:',
    'You may ask for a copy.',
    '',
    'Contact:',
    '',
    'Write to the practice.',
    'Thank you',
    '',
    '\u00a0Push Notifications are disabled',
    'hide',
    'HAPPY PAWS',
    '\u00a0Add to homescreen',
    'hide',
  ].join('\n');
  const policy = importPolicyText(text);

  test('a short line ending with a colon between blank lines is a heading', () => {
    expect(policy.title).toBe('Our Privacy Policy');
    expect(policy.updatedOn).toBe('2024-02-29');
    expect(policy.sections).toEqual([
      {
        id: 'introduction',
        heading: 'Introduction',
        text: 'We look after your pet and your data.',
      },
      {
        id: 'what-we-collect',
        heading: 'What we collect',
        text:
          'Your name and your pet’s name.\n\n' +
          'We share your data with others only in these cases:\n\n' +
          '• your vet needs a specialist;\n' +
          '• the law requires it.\n\n' +
          // Not alone between blank lines: a line that wraps with the paragraph after it.
          'Your rights: You may ask for a copy.',
      },
      { id: 'contact', heading: 'Contact', text: 'Write to the practice. Thank you' },
    ]);
  });

  test('a document without chrome keeps its last lines', () => {
    const plain = importPolicyText('Policy\n\nContact:\n\nWrite to us.\n\nDr. Kim\n\nhide me');
    expect(plain.sections.at(-1)?.text).toBe('Write to us.\n\nDr. Kim\n\nhide me');
  });

  test('a long line ending with a colon is a sentence, not a heading', () => {
    const policy = importPolicyText(
      [
        'Policy',
        '',
        'Sharing:',
        '',
        'We share little.',
        '',
        'For example, in the very rare case of a court order we may share data with the police:',
        '',
        'We tell you when we do.',
      ].join('\n'),
    );
    expect(policy.sections.map((section) => section.heading)).toEqual(['Sharing']);
  });

  test('an update line with an impossible date is kept as text', () => {
    const policy = importPolicyText('Policy\n\nUpdate: February 30, 2021\n\nA:\n\nB.');
    expect(policy.updatedOn).toBeNull();
    expect(policy.sections[0]).toEqual({
      id: 'introduction',
      heading: 'Introduction',
      text: 'Update: February 30, 2021',
    });
  });

  test.each([
    ['Update: April 7, 2020', '2020-04-07'],
    ['Last updated: Sept. 1st, 2023', '2023-09-01'],
    ['Effective date: 2021-12-31', '2021-12-31'],
    ['Revised 3 Mar 2019', '2019-03-03'],
  ])('the update line "%s" gives %s', (line, date) => {
    expect(importPolicyText(`Policy\n\n${line}\n\nA:\n\nB.`).updatedOn).toBe(date);
  });
});

describe('numbered format', () => {
  const text = [
    'Privacy Policy',
    '',
    '1. Who are we?',
    '',
    'Acme runs the app.',
    '',
    '2. What we collect:',
    '',
    'We collect:',
    '  1. Contact data: your name.',
    '  2. Usage data: pages you visit.',
    '',
    '3. Contact us: Email us at',
    'privacy@example.com.',
    '',
    'CALIFORNIA SUPPLEMENT',
    '',
    'This part applies to California residents.',
    '',
    'Your rights:',
    '',
    'You may ask us what we sold.',
  ].join('\n');
  const policy = importPolicyText(text);

  test('numbered lines at the margin are sections and indented ones are list items', () => {
    expect(policy.updatedOn).toBeNull();
    expect(policy.sections).toEqual([
      { id: 'who-are-we', heading: '1. Who are we?', text: 'Acme runs the app.' },
      {
        id: 'what-we-collect',
        heading: '2. What we collect',
        text: 'We collect:\n\n1. Contact data: your name.\n2. Usage data: pages you visit.',
      },
      { id: 'contact-us', heading: '3. Contact us', text: 'Email us at privacy@example.com.' },
      {
        id: 'california-supplement',
        heading: 'CALIFORNIA SUPPLEMENT',
        text: 'This part applies to California residents.',
      },
      { id: 'your-rights', heading: 'Your rights', text: 'You may ask us what we sold.' },
    ]);
  });

  test('a numbered list at the margin that does not continue the numbering stays a list', () => {
    const policy = importPolicyText(
      [
        'Policy',
        '',
        '1. Data',
        '',
        'We keep:',
        '',
        '1. names',
        '',
        '2. Rights',
        '',
        'Ask us.',
      ].join('\n'),
    );
    expect(policy.sections.map((section) => section.heading)).toEqual(['1. Data', '2. Rights']);
    expect(policy.sections[0]?.text).toBe('We keep:\n\n1. names');
  });

  test('a single numbered line is not taken for a document structure', () => {
    expect(() => importPolicyText('Policy\n\n1. Only this\n\nSome text.')).toThrow(
      /No section headings/,
    );
  });
});

describe('errors', () => {
  test('empty text is refused with a readable message', () => {
    expect(() => importPolicyText('')).toThrow(new Error('The policy text is empty.'));
    expect(() => importPolicyText('\uFEFF \r\n\r\n  \n')).toThrow('The policy text is empty.');
  });

  test('text without headings is refused with a readable message', () => {
    expect(() =>
      importPolicyText('Privacy Policy\n\nWe respect your privacy.\n\nThank you.'),
    ).toThrow(/No section headings were found in the policy text/);
  });
});

describe('section ids', () => {
  test('a repeated heading gets a numbered suffix in document order', () => {
    const taken = new Set<string>();
    expect(
      ['Cookies', 'Cookies:', 'COOKIES'].map((heading) => sectionIdFor(heading, taken)),
    ).toEqual(['cookies', 'cookies-2', 'cookies-3']);
    expect(taken).toEqual(new Set(['cookies', 'cookies-2', 'cookies-3']));
  });

  test('renumbering a section keeps its id', () => {
    expect(sectionIdFor('5. What information does Kontak collect?', new Set())).toBe(
      sectionIdFor('6. What information does Kontak collect?', new Set()),
    );
  });

  test('apostrophes, accents and symbols give a clean slug', () => {
    expect(sectionIdFor('Don’t sell my data!', new Set())).toBe('dont-sell-my-data');
    expect(sectionIdFor('Données & confidentialité', new Set())).toBe('donnees-confidentialite');
    expect(sectionIdFor('???', new Set())).toBe('section');
  });

  test('a very long heading gives an id cut at a word boundary', () => {
    const id = sectionIdFor(`Information ${'about your pets '.repeat(10)}`, new Set());
    expect(id.length).toBeLessThanOrEqual(64);
    expect(id).toMatch(/^information(?:-(?:about|your|pets))+$/);
  });
});
