import { h, type FunctionalComponent } from '@stencil/core';
import type { JSXBase } from '@stencil/core/internal';

export interface TextFieldProps extends JSXBase.InputHTMLAttributes<HTMLInputElement> {
  id: string;
  label: string;
  /** A validation message; marks the input invalid and describes it. */
  error?: string;
  /** A short help text under the input (part `hint`, id `<id>-hint`); describes it too. */
  hint?: string;
}

/**
 * A labelled input with its validation message, the same in every form:
 * parts `field`, `label`, `input` and `error`; the message's id is `<id>-error`.
 */
export const TextField: FunctionalComponent<TextFieldProps> = ({ id, label, error, hint, ...input }) => (
  <div part="field" class="field">
    <label part="label" htmlFor={id}>
      {label}
    </label>
    <input
      part="input"
      id={id}
      type="text"
      {...input}
      aria-invalid={error ? 'true' : 'false'}
      aria-describedby={[hint ? `${id}-hint` : '', error ? `${id}-error` : ''].filter(Boolean).join(' ') || undefined}
    />
    {hint ? (
      <p part="hint" class="field-hint" id={`${id}-hint`}>
        {hint}
      </p>
    ) : null}
    {error ? (
      <p part="error" class="field-error" id={`${id}-error`}>
        {error}
      </p>
    ) : null}
  </div>
);
