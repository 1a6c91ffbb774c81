// Send one message: source, topic (with suggestions from topics seen), payload as text or JSON (checked),
// QoS and retain. The outcome is said in a status line: sent, queued while the source is offline, or why not.
import { useId, useState } from 'react';
import type { SourceView } from '../../shared/model.ts';
import { publishTopicProblem, type PublishInput } from '../../shared/publish.ts';
import { errorMessage } from '../../shared/error-message.ts';
import { useClient } from '../transport/connection-context.ts';
import { formatJson, payloadProblem, type PayloadFormat } from './payload.ts';
import { resultText } from './result-text.ts';
import { useTopicSuggestions } from './use-publish.ts';
import { useT } from '../i18n/i18n.ts';
import { QosRetainFields } from './QosRetainFields.tsx';

interface PublishPanelProps {
  sources: readonly SourceView[];
  /** A publish went out (or was queued or refused): the history has a new line. */
  onPublished(): void;
}

export type Outcome = { ok: true; text: string } | { ok: false; text: string };

export function PublishPanel({ sources, onPublished }: PublishPanelProps) {
  const client = useClient();
  const t = useT();
  const id = useId();
  const [sourceId, setSourceId] = useState('');
  const [topic, setTopic] = useState('');
  const [format, setFormat] = useState<PayloadFormat>('text');
  const [payload, setPayload] = useState('');
  const [qos, setQos] = useState<0 | 1 | 2>(0);
  const [retain, setRetain] = useState(false);
  const [busy, setBusy] = useState(false);
  const [outcome, setOutcome] = useState<Outcome | null>(null);

  const source = sources.find((s) => s.id === sourceId) ?? sources[0];
  const isMqtt = source?.kind === 'mqtt';
  const suggestions = useTopicSuggestions(isMqtt ? source.id : '', topic);
  const topicProblem = isMqtt && topic !== '' ? publishTopicProblem(topic) : null;
  const payloadError = payloadProblem(payload, format, t);
  const ready = source !== undefined && (!isMqtt || (topic !== '' && topicProblem === null)) && !payloadError;

  async function send() {
    if (!source || !ready) return;
    const request: PublishInput = { sourceId: source.id, topic: isMqtt ? topic : '', payload, qos, retain };
    setBusy(true);
    setOutcome(null);
    try {
      const result = await client.invoke('publish.send', request);
      setOutcome({ ok: true, text: resultText(result, source.name, request.topic ?? '', t) });
    } catch (err) {
      setOutcome({ ok: false, text: t('publish.notSent', { error: errorMessage(err) }) });
    } finally {
      setBusy(false);
      onPublished();
    }
  }

  if (sources.length === 0) {
    return <p className="muted">{t('publish.noSource')}</p>;
  }
  return (
    <form
      className="publish-form"
      onSubmit={(event) => {
        event.preventDefault();
        void send();
      }}
    >
      <div className="publish-row">
        <label htmlFor={`${id}-source`}>{t('publish.source')}</label>
        <select id={`${id}-source`} value={source?.id ?? ''} onChange={(e) => setSourceId(e.target.value)}>
          {sources.map((s) => (
            <option key={s.id} value={s.id}>
              {s.name}
              {s.status.state !== 'connected' ? ` (${t(`state.${s.status.state}`)})` : ''}
            </option>
          ))}
        </select>
      </div>
      <div className="publish-row">
        <label htmlFor={`${id}-topic`}>{t('publish.topic')}</label>
        <input
          id={`${id}-topic`}
          value={isMqtt ? topic : ''}
          disabled={!isMqtt}
          list={`${id}-topics`}
          autoComplete="off"
          placeholder={isMqtt ? 'home/livingroom/light/set' : t('publish.websocketTopic')}
          aria-invalid={topicProblem ? true : undefined}
          aria-describedby={topicProblem ? `${id}-topic-error` : undefined}
          onChange={(e) => setTopic(e.target.value)}
        />
        <datalist id={`${id}-topics`}>
          {suggestions.map((suggestion) => (
            <option key={suggestion} value={suggestion} />
          ))}
        </datalist>
      </div>
      {topicProblem && (
        <p id={`${id}-topic-error`} className="field-error">
          {topicProblem}
        </p>
      )}
      <fieldset className="publish-format">
        <legend>{t('publish.format')}</legend>
        {(['text', 'json'] as const).map((f) => (
          <label key={f} className="checkbox">
            <input type="radio" name={`${id}-format`} checked={format === f} onChange={() => setFormat(f)} />
            {f === 'text' ? t('publish.format.text') : 'JSON'}
          </label>
        ))}
        {format === 'json' && (
          <button type="button" disabled={payloadError !== null} onClick={() => setPayload(formatJson(payload))}>
            {t('publish.formatJson')}
          </button>
        )}
      </fieldset>
      <label htmlFor={`${id}-payload`} className="visually-hidden">
        {t('publish.payload')}
      </label>
      <textarea
        id={`${id}-payload`}
        className="publish-payload"
        rows={6}
        value={payload}
        spellCheck={false}
        placeholder={format === 'json' ? '{"state": "ON"}' : t('publish.payload')}
        aria-invalid={payloadError ? true : undefined}
        aria-describedby={payloadError ? `${id}-payload-error` : undefined}
        onChange={(e) => setPayload(e.target.value)}
      />
      {payloadError && (
        <p id={`${id}-payload-error`} className="field-error">
          {payloadError}
        </p>
      )}
      <div className="publish-row">
        <QosRetainFields id={id} isMqtt={isMqtt} qos={qos} retain={retain} onQos={setQos} onRetain={setRetain} />
        <button type="submit" className="primary push-right" disabled={!ready || busy}>
          {t('publish.send')}
        </button>
      </div>
      <OutcomeLine outcome={outcome} />
    </form>
  );
}

/** Sent/queued as a polite status, a refusal as an alert. */
export function OutcomeLine({ outcome }: { outcome: Outcome | null }) {
  return (
    <>
      <p role="status" className="publish-outcome" data-testid="publish-status">
        {outcome?.ok ? outcome.text : ''}
      </p>
      {outcome && !outcome.ok && (
        <p role="alert" className="form-refusal">
          {outcome.text}
        </p>
      )}
    </>
  );
}
