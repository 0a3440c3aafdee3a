import { h, type FunctionalComponent } from '@stencil/core';
import type { JSXBase } from '@stencil/core/internal';

export interface TextFieldProps extends JSXBase.InputHTMLAttributes<HTMLInputElement> {
  id: string;
  label: string;
  /** A validation message; marks the input invalid and describes it. */
  error?: string;
}

/**
 * A labelled input with its validation message, the same in every form:
 * parts `field`, `label`, `input` and `error`; the message's id is `<id>-error`.
 */
export const TextField: FunctionalComponent<TextFieldProps> = ({ id, label, error, ...input }) => (
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
      aria-describedby={error ? `${id}-error` : undefined}
    />
    {error ? (
      <p part="error" class="field-error" id={`${id}-error`}>
        {error}
      </p>
    ) : null}
  </div>
);
