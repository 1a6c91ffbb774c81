// HTTP polling: the request (headers, token), how often or how it waits (short or long polling), where the
// list is in the answer and, for long polling, how the cursor travels; then the field mapping of each item.
import { SelectField, TextField } from './fields.tsx';
import type { KindFieldsProps } from './kind-fields-props.ts';
import { MappingFields, RequestFields } from './StreamFields.tsx';
import { useT } from '../i18n/i18n.ts';

export function HttpPollFields(props: KindFieldsProps) {
  const { values, errors, idFor, set } = props;
  const t = useT();
  const modes = [
    { value: 'poll', label: t('sources.poll.short') },
    { value: 'long-poll', label: t('sources.poll.long') },
  ] as const;
  return (
    <>
      <RequestFields {...props} />
      <SelectField
        id={idFor('poll-mode')}
        label={t('sources.poll.mode')}
        value={values.pollMode}
        options={modes}
        onChange={(v) => set('pollMode', v)}
      />
      {values.pollMode === 'poll' && (
        <TextField
          id={idFor('interval')}
          label={t('sources.poll.interval')}
          inputMode="numeric"
          value={values.intervalSeconds}
          error={errors.intervalSeconds}
          hint={t('sources.poll.intervalHint')}
          onChange={(v) => set('intervalSeconds', v)}
        />
      )}
      {values.pollMode === 'long-poll' && (
        <>
          <TextField
            id={idFor('cursor-param')}
            label={t('sources.poll.cursorParam')}
            placeholder="since"
            value={values.cursorParam}
            error={errors.cursorParam}
            hint={t('sources.poll.cursorParamHint')}
            onChange={(v) => set('cursorParam', v)}
          />
          <TextField
            id={idFor('cursor-path')}
            label={t('sources.poll.cursorPath')}
            placeholder="next"
            value={values.cursorPath}
            error={errors.cursorPath}
            hint={t('sources.poll.cursorPathHint')}
            onChange={(v) => set('cursorPath', v)}
          />
        </>
      )}
      <TextField
        id={idFor('items-path')}
        label={t('sources.poll.itemsPath')}
        placeholder="data.items"
        value={values.itemsPath}
        error={errors.itemsPath}
        hint={t('sources.poll.itemsPathHint')}
        onChange={(v) => set('itemsPath', v)}
      />
      <MappingFields {...props} />
    </>
  );
}
