import { describe, expect, test } from 'vitest';
import { isSamePhoneNumber, normalisePhone } from '../../../server/sms/phone-numbers.ts';
import { smsKeyword } from '../../../server/sms/sms-keywords.ts';

describe('SMS keywords', () => {
  test.each([
    'STOP',
    'QUIT',
    'END',
    'REVOKE',
    'OPT OUT',
    'OPTOUT',
    'CANCEL',
    'UNSUBSCRIBE',
    'STOPALL',
  ])('%s is a stop word, in any case and with spaces around it', (word) => {
    expect(smsKeyword(word)).toBe('stop');
    expect(smsKeyword(`  ${word.toLowerCase()}\n`)).toBe('stop');
  });

  test('punctuation around the word and odd spacing do not hide it', () => {
    expect(smsKeyword('Stop.')).toBe('stop');
    expect(smsKeyword('stop!')).toBe('stop');
    expect(smsKeyword('opt  out')).toBe('stop');
    expect(smsKeyword('Opt-out')).toBe('stop');
  });

  test('START, UNSTOP and YES restart; HELP and INFO ask for help', () => {
    expect(['START', 'unstop', 'Yes'].map(smsKeyword)).toEqual(['start', 'start', 'start']);
    expect(['HELP', 'info'].map(smsKeyword)).toEqual(['help', 'help']);
  });

  test('a keyword inside a longer message is not a keyword', () => {
    expect(smsKeyword('please stop the reminders for Rex')).toBeNull();
    expect(smsKeyword('see you at the end of the week')).toBeNull();
    expect(smsKeyword('')).toBeNull();
  });
});

describe('phone numbers', () => {
  test('numbers are compared by their digits, with a leading + or 00 kept as international', () => {
    expect(normalisePhone('+1 (555) 010-0123')).toBe('+15550100123');
    expect(normalisePhone('0035387 1234567')).toBe('+353871234567');
    expect(normalisePhone('555 010 0123')).toBe('5550100123');
  });

  test('an owner’s national number matches the international number a text comes from', () => {
    expect(isSamePhoneNumber('+15550100123', '+15550100123')).toBe(true);
    expect(isSamePhoneNumber('5550100123', '+15550100123')).toBe(true);
    expect(isSamePhoneNumber('0871234567', '+353871234567')).toBe(true);
  });

  test('a number that only shares its last digits is someone else', () => {
    expect(isSamePhoneNumber('+15550100123', '+15550900123')).toBe(false);
    expect(isSamePhoneNumber('+445550100123', '+15550100123')).toBe(false);
    expect(isSamePhoneNumber('0100123', '+15550100123')).toBe(false);
    expect(isSamePhoneNumber('123', '+123')).toBe(false);
  });
});
