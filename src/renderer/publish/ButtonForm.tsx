// Add or edit a saved button: name, source, topic, payload template ({{timestamp}}, {{uuid}}, {{input}}), QoS,
// retain, pinned. Main checks it again on save and says why when it refuses.
import { useId, useState } from 'react';
import type { SourceView } from '../../shared/model.ts';
import { publishTopicProblem, type SavedButton } from '../../shared/publish.ts';
import { errorMessage } from '../../shared/error-message.ts';
import { useClient } from '../transport/connection-context.ts';
import { useT } from '../i18n/i18n.ts';
import { QosRetainFields } from './QosRetainFields.tsx';

interface ButtonFormProps {
  /** The button to edit; null adds one. */
  button: SavedButton | null;
  sources: readonly SourceView[];
  onSaved(): void;
  onCancel(): void;
}

export function ButtonForm({ button, sources, onSaved, onCancel }: ButtonFormProps) {
  const client = useClient();
  const t = useT();
  const id = useId();
  const [name, setName] = useState(button?.name ?? '');
  const [sourceId, setSourceId] = useState(button?.sourceId ?? sources[0]?.id ?? '');
  const [topic, setTopic] = useState(button?.topic ?? '');
  const [payload, setPayload] = useState(button?.payload ?? '');
  const [qos, setQos] = useState<0 | 1 | 2>(button?.qos ?? 0);
  const [retain, setRetain] = useState(button?.retain ?? false);
  const [pinned, setPinned] = useState(button?.pinned ?? false);
  const [refusal, setRefusal] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const isMqtt = sources.find((s) => s.id === sourceId)?.kind === 'mqtt';
  const topicProblem = isMqtt ? publishTopicProblem(topic) : null;
  const ready = name.trim() !== '' && sourceId !== '' && topicProblem === null;

  async function save() {
    setBusy(true);
    setRefusal(null);
    try {
      await client.invoke('publish.buttons.save', {
        ...(button ? { id: button.id } : {}),
        name,
        sourceId,
        topic: isMqtt ? topic : '',
        payload,
        qos,
        retain,
        pinned,
      });
      onSaved();
    } catch (err) {
      setRefusal(t('publish.button.notSaved', { error: errorMessage(err) }));
    } finally {
      setBusy(false);
    }
  }

  return (
    <form
      className="button-form"
      aria-label={button ? t('publish.button.editTitle', { name: button.name }) : t('publish.button.newTitle')}
      onSubmit={(event) => {
        event.preventDefault();
        if (ready) void save();
      }}
    >
      <div className="publish-row">
        <label htmlFor={`${id}-name`}>{t('publish.button.name')}</label>
        <input
          id={`${id}-name`}
          value={name}
          placeholder={t('publish.button.namePlaceholder')}
          onChange={(e) => setName(e.target.value)}
        />
      </div>
      <div className="publish-row">
        <label htmlFor={`${id}-source`}>{t('publish.source')}</label>
        <select id={`${id}-source`} value={sourceId} onChange={(e) => setSourceId(e.target.value)}>
          {sources.map((s) => (
            <option key={s.id} value={s.id}>
              {s.name}
            </option>
          ))}
        </select>
      </div>
      {isMqtt && (
        <div className="publish-row">
          <label htmlFor={`${id}-topic`}>{t('publish.topic')}</label>
          <input
            id={`${id}-topic`}
            value={topic}
            aria-invalid={topic !== '' && topicProblem ? true : undefined}
            onChange={(e) => setTopic(e.target.value)}
          />
        </div>
      )}
      {isMqtt && topic !== '' && topicProblem && <p className="field-error">{topicProblem}</p>}
      <label htmlFor={`${id}-payload`}>{t('publish.button.template')}</label>
      <textarea
        id={`${id}-payload`}
        className="publish-payload"
        rows={3}
        value={payload}
        spellCheck={false}
        aria-describedby={`${id}-payload-hint`}
        onChange={(e) => setPayload(e.target.value)}
      />
      <p id={`${id}-payload-hint`} className="hint">
        {t('publish.button.templateHint')}
      </p>
      <div className="publish-row">
        <QosRetainFields id={id} isMqtt={isMqtt} qos={qos} retain={retain} onQos={setQos} onRetain={setRetain} />
        <label className="checkbox">
          <input type="checkbox" checked={pinned} onChange={(e) => setPinned(e.target.checked)} />
          {t('publish.button.pin')}
        </label>
      </div>
      {refusal && (
        <p role="alert" className="form-refusal">
          {refusal}
        </p>
      )}
      <div className="form-actions">
        <button type="submit" className="primary" disabled={!ready || busy}>
          {t('publish.button.save')}
        </button>
        <button type="button" onClick={onCancel}>
          {t('publish.cancel')}
        </button>
      </div>
    </form>
  );
}
