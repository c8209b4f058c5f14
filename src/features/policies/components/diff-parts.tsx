import { Fragment } from 'react';
import type { DiffPart } from '../../../contract/policy.ts';
import { VisuallyHidden } from '../../../components/ui/visually-hidden.tsx';
import { useT } from '../../../lib/i18n/i18n.tsx';

/**
 * Word-level changes. Colour alone is not enough (colour blindness, high-contrast modes), so
 * insertions are underlined and deletions struck through; and most screen readers do not
 * announce <ins>/<del>, so each carries a spoken cue as well.
 */
export function DiffParts({ parts }: { parts: DiffPart[] }) {
  const { t } = useT();
  return parts.map((part, index) => {
    switch (part.op) {
      case 'equal':
        return <Fragment key={index}>{part.text}</Fragment>;
      case 'insert':
        return (
          <ins key={index}>
            <VisuallyHidden>{t('diff.insertedStart')} </VisuallyHidden>
            {part.text}
            <VisuallyHidden> {t('diff.insertedEnd')}</VisuallyHidden>
          </ins>
        );
      case 'delete':
        return (
          <del key={index}>
            <VisuallyHidden>{t('diff.deletedStart')} </VisuallyHidden>
            {part.text}
            <VisuallyHidden> {t('diff.deletedEnd')}</VisuallyHidden>
          </del>
        );
    }
  });
}
