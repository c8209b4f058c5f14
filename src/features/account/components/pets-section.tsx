import { useId, useState } from 'react';
import type { Pet, PetInput, PetUpdate } from '../../../contract/account.ts';
import { ApiErrorMessage } from '../../../components/ui/api-error-message.tsx';
import { useT } from '../../../lib/i18n/i18n.tsx';
import { useAddPet } from '../api/add-pet.ts';
import { usePets } from '../api/get-pets.ts';
import { useRemovePet } from '../api/remove-pet.ts';
import { useUpdatePet } from '../api/update-pet.ts';
import { formatCalendarDate } from '../lib/calendar-date.ts';
import { PetForm } from './pet-form.tsx';

/** The owner's pets: what the clinic's reminders and records are about. */
export function PetsSection() {
  const { t } = useT();
  const headingId = useId();
  const { data: pets } = usePets();
  const [isAdding, setAdding] = useState(false);
  const [announcement, setAnnouncement] = useState('');
  const add = useAddPet();

  const save = (input: PetInput) =>
    add.mutate(input, {
      onSuccess: (pet) => {
        setAdding(false);
        setAnnouncement(t('pets.added', { name: pet.name }));
      },
    });

  return (
    <section className="account-section" aria-labelledby={headingId}>
      <h2 id={headingId}>{t('pets.title')}</h2>
      <p role="status" className="form-status">
        {announcement}
      </p>
      {pets.data.length === 0 ? <p className="muted">{t('pets.none')}</p> : null}
      <ul className="pet-list">
        {pets.data.map((pet) => (
          <PetItem key={pet.id} pet={pet} onAnnounce={setAnnouncement} />
        ))}
      </ul>
      {isAdding ? (
        <>
          <h3>{t('pets.addTitle')}</h3>
          <PetForm
            error={add.error}
            isSaving={add.isPending}
            onSave={save}
            onCancel={() => {
              add.reset();
              setAdding(false);
            }}
          />
        </>
      ) : (
        <button
          type="button"
          className="button button--secondary"
          onClick={() => {
            setAnnouncement('');
            setAdding(true);
          }}
        >
          {t('pets.addButton')}
        </button>
      )}
    </section>
  );
}

function changedFields(pet: Pet, input: PetInput): PetUpdate {
  const changes: PetUpdate = {};
  if (input.name !== pet.name) changes.name = input.name;
  if (input.species !== pet.species) changes.species = input.species;
  if (input.birthDate !== pet.birthDate) changes.birthDate = input.birthDate;
  return changes;
}

function PetItem({ pet, onAnnounce }: { pet: Pet; onAnnounce: (message: string) => void }) {
  const { t, locale } = useT();
  const [mode, setMode] = useState<'view' | 'edit' | 'confirm-remove'>('view');
  const update = useUpdatePet();
  const remove = useRemovePet();

  if (mode === 'edit') {
    return (
      <li className="pet-card card">
        <h3>{t('pets.editTitle', { name: pet.name })}</h3>
        <PetForm
          pet={pet}
          error={update.error}
          isSaving={update.isPending}
          onCancel={() => {
            update.reset();
            setMode('view');
          }}
          onSave={(input) => {
            const changes = changedFields(pet, input);
            if (Object.keys(changes).length === 0) return setMode('view');
            update.mutate(
              { id: pet.id, changes },
              {
                onSuccess: (saved) => {
                  setMode('view');
                  onAnnounce(t('pets.updated', { name: saved.name }));
                },
              },
            );
          }}
        />
      </li>
    );
  }

  return (
    <li className="pet-card card">
      <h3 className="pet-card__name">{pet.name}</h3>
      <p className="pet-card__meta">
        {t(`species.${pet.species}`)}
        {pet.birthDate
          ? ` · ${t('pets.born', { date: formatCalendarDate(locale, pet.birthDate) })}`
          : ''}
      </p>
      {mode === 'confirm-remove' ? (
        <div
          className="confirm-box"
          role="group"
          aria-label={t('pets.removeTitle', { name: pet.name })}
        >
          <p>{t('pets.removeQuestion', { name: pet.name })}</p>
          <ApiErrorMessage error={remove.error} />
          <p className="form-actions">
            <button
              type="button"
              className="button button--danger"
              disabled={remove.isPending}
              onClick={() =>
                remove.mutate(pet.id, {
                  onSuccess: () => onAnnounce(t('pets.removed', { name: pet.name })),
                })
              }
            >
              {t('pets.removeConfirm', { name: pet.name })}
            </button>
            <button
              type="button"
              className="button button--quiet"
              onClick={() => {
                remove.reset();
                setMode('view');
              }}
            >
              {t('pets.keep')}
            </button>
          </p>
        </div>
      ) : (
        <p className="form-actions">
          <button
            type="button"
            className="button button--secondary"
            onClick={() => setMode('edit')}
          >
            {t('pets.edit')} <span className="visually-hidden">{pet.name}</span>
          </button>
          <button
            type="button"
            className="button button--quiet"
            onClick={() => setMode('confirm-remove')}
          >
            {t('pets.remove')} <span className="visually-hidden">{pet.name}</span>
          </button>
        </p>
      )}
    </li>
  );
}
