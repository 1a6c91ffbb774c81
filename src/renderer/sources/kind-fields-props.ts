import type { SavedSecrets } from './form-input.ts';
import type { SourceFormErrors } from './form-validate.ts';
import type { SourceFormValues } from './form-values.ts';

/** What each kind's fields get from the form. */
export interface KindFieldsProps {
  values: SourceFormValues;
  errors: SourceFormErrors;
  saved: SavedSecrets;
  /** A unique element id for a field of this form. */
  idFor(name: string): string;
  set<K extends keyof SourceFormValues>(key: K, value: SourceFormValues[K]): void;
}
