import type { ReactNode } from 'react';

/**
 * An on/off control: a native checkbox with `role="switch"`, so it is labelled, focusable and
 * operable with Space everywhere, and screen readers say "on" or "off". The state is also
 * written out next to it: colour and position alone would not tell everyone.
 */
export function Switch({
  id,
  label,
  isOn,
  isDisabled = false,
  describedBy,
  onLabel,
  offLabel,
  onChange,
}: {
  id: string;
  label: ReactNode;
  isOn: boolean;
  isDisabled?: boolean;
  describedBy?: string;
  onLabel: string;
  offLabel: string;
  onChange: (isOn: boolean) => void;
}) {
  return (
    <div className="switch">
      <label className="switch__label" htmlFor={id}>
        {label}
      </label>
      <span className="switch__control">
        <input
          id={id}
          className="switch__input"
          type="checkbox"
          role="switch"
          checked={isOn}
          disabled={isDisabled}
          aria-describedby={describedBy}
          onChange={(event) => onChange(event.target.checked)}
        />
        <span className="switch__state" aria-hidden="true">
          {isOn ? onLabel : offLabel}
        </span>
      </span>
    </div>
  );
}
