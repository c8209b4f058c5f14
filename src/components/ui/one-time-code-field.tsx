import type { Ref } from 'react';

export interface OneTimeCodeFieldProps {
  /** The input's id; its error message gets `${id}-error`. */
  id: string;
  label: string;
  value: string;
  onChange: (value: string) => void;
  /** The id of the text that says where the code went, read with the field. */
  sentId: string;
  /** Shown under the field, and read with it, while the code is not one. */
  error: string | null;
  inputRef?: Ref<HTMLInputElement>;
}

/**
 * The six digits of a mailed or texted code: the numeric keypad, the code offered by the
 * phone's keyboard (`one-time-code`), room for "123 456" as people type it, and the
 * explanation and the error read with the field.
 */
export function OneTimeCodeField({
  id,
  label,
  value,
  onChange,
  sentId,
  error,
  inputRef,
}: OneTimeCodeFieldProps) {
  const errorId = `${id}-error`;
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <input
        ref={inputRef}
        id={id}
        className="code-input"
        type="text"
        name="code"
        inputMode="numeric"
        autoComplete="one-time-code"
        pattern="[0-9 ]*"
        maxLength={7}
        required
        value={value}
        aria-invalid={error ? true : undefined}
        aria-describedby={error ? `${sentId} ${errorId}` : sentId}
        onChange={(event) => onChange(event.target.value)}
      />
      {error ? (
        <p className="field__error" id={errorId}>
          {error}
        </p>
      ) : null}
    </div>
  );
}
