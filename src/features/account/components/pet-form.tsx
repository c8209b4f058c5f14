import { useEffect, useId, useRef, useState, type FormEvent } from 'react';
import { SpeciesSchema, type Pet, type PetInput, type Species } from '../../../contract/account.ts';
import { ApiErrorMessage } from '../../../components/ui/api-error-message.tsx';
import { useT } from '../../../lib/i18n/i18n.tsx';
import { todayIsoDate } from '../lib/calendar-date.ts';

/** Adding a pet or correcting one: the same three fields. */
export function PetForm({
  pet,
  error,
  isSaving,
  onSave,
  onCancel,
}: {
  pet?: Pet;
  error: unknown;
  isSaving: boolean;
  onSave: (input: PetInput) => void;
  onCancel: () => void;
}) {
  const { t } = useT();
  const id = useId();
  const [name, setName] = useState(pet?.name ?? '');
  const [species, setSpecies] = useState<Species>(pet?.species ?? 'dog');
  const [birthDate, setBirthDate] = useState(pet?.birthDate ?? '');
  const [isNameMissing, setNameMissing] = useState(false);
  const nameInput = useRef<HTMLInputElement>(null);
  useEffect(() => nameInput.current?.focus(), []);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const trimmed = name.trim();
    setNameMissing(trimmed === '');
    if (trimmed === '') return;
    onSave({ name: trimmed, species, birthDate: birthDate === '' ? null : birthDate });
  };

  return (
    <form className="stack-form pet-form" onSubmit={submit} noValidate>
      <div className="field">
        <label htmlFor={`${id}-name`}>{t('pets.name')}</label>
        <input
          ref={nameInput}
          id={`${id}-name`}
          type="text"
          maxLength={80}
          required
          value={name}
          aria-invalid={isNameMissing || undefined}
          aria-describedby={isNameMissing ? `${id}-name-error` : undefined}
          onChange={(event) => setName(event.target.value)}
        />
        {isNameMissing ? (
          <p className="field__error" id={`${id}-name-error`}>
            {t('pets.nameMissing')}
          </p>
        ) : null}
      </div>
      <div className="field">
        <label htmlFor={`${id}-species`}>{t('pets.species')}</label>
        <select
          id={`${id}-species`}
          value={species}
          onChange={(event) => {
            const parsed = SpeciesSchema.safeParse(event.target.value);
            if (parsed.success) setSpecies(parsed.data);
          }}
        >
          {SpeciesSchema.options.map((option) => (
            <option key={option} value={option}>
              {t(`species.${option}`)}
            </option>
          ))}
        </select>
      </div>
      <div className="field">
        <label htmlFor={`${id}-birth`}>{t('pets.birthDate')}</label>
        <input
          id={`${id}-birth`}
          type="date"
          max={todayIsoDate()}
          value={birthDate}
          aria-describedby={`${id}-birth-hint`}
          onChange={(event) => setBirthDate(event.target.value)}
        />
        <p className="field__hint" id={`${id}-birth-hint`}>
          {t('pets.birthDateHint')}
        </p>
      </div>
      <ApiErrorMessage error={error} />
      <p className="form-actions">
        <button type="submit" className="button" disabled={isSaving}>
          {pet ? t('pets.saveChanges') : t('pets.add')}
        </button>
        <button type="button" className="button button--quiet" onClick={onCancel}>
          {t('common.cancel')}
        </button>
      </p>
    </form>
  );
}
