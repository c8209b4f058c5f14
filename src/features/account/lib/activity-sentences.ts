import { SpeciesSchema, type AccountEvent } from '../../../contract/account.ts';
import type { I18n } from '../../../lib/i18n/i18n.tsx';
import { formatCalendarDate } from './calendar-date.ts';

type Change = AccountEvent['changes'][number];

function who(actor: AccountEvent['actor'], t: I18n['t']): string {
  if (actor === 'staff') return t('activity.whoStaff');
  if (actor === 'system') return t('activity.whoSystem');
  return t('activity.whoOwner');
}

function profileField(field: string, t: I18n['t']): string {
  if (field === 'name') return t('activity.field.name');
  if (field === 'phone') return t('activity.field.phone');
  if (field === 'email') return t('activity.field.email');
  return field;
}

function petField(field: string, t: I18n['t']): string {
  if (field === 'name') return t('activity.petField.name');
  if (field === 'species') return t('activity.petField.species');
  if (field === 'birthDate') return t('activity.petField.birthDate');
  return field;
}

/** A stored value as the owner would say it: "Cat", "3 May 2020". */
function petValue(field: string, value: string, { t, locale }: I18n): string {
  const species = SpeciesSchema.safeParse(value);
  if (field === 'species' && species.success) return t(`species.${species.data}`);
  if (field === 'birthDate' && /^\d{4}-\d{2}-\d{2}$/.test(value)) {
    return formatCalendarDate(locale, value);
  }
  return value;
}

function profileChange(subject: string, change: Change, t: I18n['t']): string {
  const field = profileField(change.field, t);
  if (change.from === null && change.to !== null) {
    return t('activity.added', { who: subject, field, to: change.to });
  }
  if (change.to === null) {
    return t('activity.removed', { who: subject, field, from: change.from ?? '' });
  }
  return t('activity.changed', { who: subject, field, from: change.from ?? '', to: change.to });
}

function petChange(subject: string, pet: string, change: Change, i18n: I18n): string {
  const { t } = i18n;
  const field = petField(change.field, t);
  if (change.to === null) return t('activity.petFieldRemoved', { who: subject, pet, field });
  const to = petValue(change.field, change.to, i18n);
  if (change.from === null) return t('activity.petFieldSet', { who: subject, pet, field, to });
  const from = petValue(change.field, change.from, i18n);
  return t('activity.petFieldChanged', { who: subject, pet, field, from, to });
}

/**
 * One event of the timeline as sentences, e.g. "You changed your phone number from
 * +15550100 to +15550199." Pet events name the pet from their first change, `{ field: 'pet' }`.
 */
export function activitySentences(event: AccountEvent, i18n: I18n): string[] {
  const { t } = i18n;
  const subject = who(event.actor, t);
  const [first, ...rest] = event.changes;
  switch (event.kind) {
    case 'account-created':
      return [t('activity.accountCreated', { who: subject })];
    case 'age-confirmed':
      return [t('activity.ageConfirmed', { who: subject })];
    case 'signed-out-elsewhere':
      return [t('activity.signedOutElsewhere', { who: subject })];
    case 'profile-updated':
    case 'email-changed':
      return event.changes.map((change) => profileChange(subject, change, t));
    case 'pet-added': {
      const pet = first?.field === 'pet' ? (first.to ?? '') : '';
      return [t('activity.petAdded', { who: subject, pet })];
    }
    case 'pet-removed': {
      const pet = first?.field === 'pet' ? (first.from ?? '') : '';
      return [t('activity.petRemoved', { who: subject, pet })];
    }
    case 'pet-updated': {
      const isLabelled = first?.field === 'pet';
      const pet = isLabelled ? (first.from ?? first.to ?? '') : '';
      const changes = isLabelled ? rest : event.changes;
      if (changes.length === 0) return [t('activity.petUpdated', { who: subject, pet })];
      return changes.map((change) => petChange(subject, pet, change, i18n));
    }
  }
}
