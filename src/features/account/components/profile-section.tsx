import { useId, useState, type FormEvent } from 'react';
import { PhoneSchema } from '../../../contract/account.ts';
import type { User } from '../../../contract/auth.ts';
import { ApiErrorMessage } from '../../../components/ui/api-error-message.tsx';
import { useT } from '../../../lib/i18n/i18n.tsx';
import { useUpdateProfile, type ProfileChanges } from '../api/update-profile.ts';
import { EmailChange } from './email-change.tsx';

/** The owner's name, phone and email: corrected here at once (GDPR Art. 16), and logged. */
export function ProfileSection({ user }: { user: User }) {
  const { t } = useT();
  const headingId = useId();
  return (
    <section className="account-section" aria-labelledby={headingId}>
      <h2 id={headingId}>{t('profile.title')}</h2>
      <ProfileForm user={user} />
      <EmailChange currentEmail={user.email} />
    </section>
  );
}

function ProfileForm({ user }: { user: User }) {
  const { t } = useT();
  const id = useId();
  const [name, setName] = useState(user.name ?? '');
  const [phone, setPhone] = useState(user.phone ?? '');
  const [isPhoneInvalid, setPhoneInvalid] = useState(false);
  const [isSaved, setSaved] = useState(false);
  const update = useUpdateProfile();

  const submit = (event: FormEvent) => {
    event.preventDefault();
    setSaved(false);
    const isPhoneValid = phone.trim() === '' || PhoneSchema.safeParse(phone).success;
    setPhoneInvalid(!isPhoneValid);
    if (!isPhoneValid) return;
    const changes: ProfileChanges = {};
    if (name.trim() !== (user.name ?? '')) changes.name = name.trim();
    if (phone.trim() !== (user.phone ?? '')) changes.phone = phone.trim();
    if (changes.name === undefined && changes.phone === undefined) {
      setSaved(true);
      return;
    }
    update.mutate(changes, {
      // Show what the server kept (it normalises the phone number, for one).
      onSuccess: (saved) => {
        setName(saved.name ?? '');
        setPhone(saved.phone ?? '');
        setSaved(true);
      },
    });
  };

  return (
    <form className="stack-form" onSubmit={submit} noValidate>
      <div className="field">
        <label htmlFor={`${id}-name`}>{t('profile.name')}</label>
        <input
          id={`${id}-name`}
          type="text"
          name="name"
          autoComplete="name"
          maxLength={120}
          value={name}
          onChange={(event) => {
            setName(event.target.value);
            setSaved(false);
          }}
        />
      </div>
      <div className="field">
        <label htmlFor={`${id}-phone`}>{t('profile.phone')}</label>
        <input
          id={`${id}-phone`}
          type="tel"
          name="phone"
          autoComplete="tel"
          value={phone}
          aria-invalid={isPhoneInvalid || undefined}
          aria-describedby={`${id}-phone-hint${isPhoneInvalid ? ` ${id}-phone-error` : ''}`}
          onChange={(event) => {
            setPhone(event.target.value);
            setSaved(false);
          }}
        />
        <p className="field__hint" id={`${id}-phone-hint`}>
          {t('profile.phoneHint')}
        </p>
        {isPhoneInvalid ? (
          <p className="field__error" id={`${id}-phone-error`}>
            {t('profile.phoneInvalid')}
          </p>
        ) : null}
      </div>
      <ApiErrorMessage error={update.error} />
      <p className="form-actions">
        <button type="submit" className="button" disabled={update.isPending}>
          {t('profile.save')}
        </button>
        <span role="status" className="form-status">
          {isSaved ? t('profile.saved') : ''}
        </span>
      </p>
    </form>
  );
}
