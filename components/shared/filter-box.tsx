import { h, type FunctionalComponent } from '@stencil/core';

export interface FilterBoxProps {
  /** The visible placeholder and the accessible label. */
  label: string;
  value: string;
  onInput: (event: Event) => void;
  onKeyDown?: (event: KeyboardEvent) => void;
  inputRef?: (element?: HTMLInputElement) => void;
}

/** The search box above a list (contacts, occupants): part `filter`, labelled for screen readers. */
export const FilterBox: FunctionalComponent<FilterBoxProps> = ({ label, value, onInput, onKeyDown, inputRef }) => (
  <div class="filter-box">
    <label class="visually-hidden" htmlFor="filter">
      {label}
    </label>
    <input
      part="filter"
      class="filter"
      id="filter"
      type="search"
      autocomplete="off"
      spellcheck={false}
      placeholder={label}
      value={value}
      onInput={onInput}
      onKeyDown={onKeyDown}
      ref={inputRef}
    />
  </div>
);
