// Saved buttons: one click publishes the button's template, expanded; a template with {{input}} first asks for
// the value. Buttons are added, edited and deleted here.
import { useId, useState } from 'react';
import type { SourceView } from '../../shared/model.ts';
import { templateNeedsInput, type SavedButton } from '../../shared/publish.ts';
import { errorMessage } from '../../shared/error-message.ts';
import { useClient } from '../transport/connection-context.ts';
import { ButtonForm } from './ButtonForm.tsx';
import { OutcomeLine, type Outcome } from './PublishPanel.tsx';
import { resultText } from './result-text.ts';
import { useButtons } from './use-publish.ts';
import { useT } from '../i18n/i18n.ts';
import { PinButton } from '../favourites/PinButton.tsx';

interface ButtonsPanelProps {
  active: boolean;
  sources: readonly SourceView[];
  onPublished(): void;
}

type Editing = { button: SavedButton | null } | null;

export function ButtonsPanel({ active, sources, onPublished }: ButtonsPanelProps) {
  const client = useClient();
  const t = useT();
  const id = useId();
  const { buttons, error, reload } = useButtons(active);
  const [editing, setEditing] = useState<Editing>(null);
  const [asking, setAsking] = useState<{ button: SavedButton; value: string } | null>(null);
  const [outcome, setOutcome] = useState<Outcome | null>(null);
  const nameOf = (sourceId: string) => sources.find((s) => s.id === sourceId)?.name ?? sourceId;

  async function press(button: SavedButton, input?: string) {
    setOutcome(null);
    setAsking(null);
    try {
      const result = await client.invoke('publish.buttons.press', { id: button.id, input });
      setOutcome({ ok: true, text: `${button.name}: ${resultText(result, nameOf(button.sourceId), result.topic, t)}` });
    } catch (err) {
      setOutcome({
        ok: false,
        text: t('publish.buttons.notSentNamed', { name: button.name, error: errorMessage(err) }),
      });
    } finally {
      onPublished();
    }
  }

  async function pin(button: SavedButton, pinned: boolean) {
    setOutcome(null);
    try {
      await client.invoke('favourites.set', { kind: 'button', id: button.id, pinned });
    } catch (err) {
      setOutcome({ ok: false, text: t('favourites.pinFailed', { name: button.name, error: errorMessage(err) }) });
    }
    reload();
  }

  async function remove(button: SavedButton) {
    setOutcome(null);
    try {
      await client.invoke('publish.buttons.remove', { id: button.id });
    } catch (err) {
      setOutcome({ ok: false, text: t('publish.buttons.notDeleted', { error: errorMessage(err) }) });
    }
    reload();
  }

  if (editing) {
    return (
      <ButtonForm
        button={editing.button}
        sources={sources}
        onCancel={() => setEditing(null)}
        onSaved={() => {
          setEditing(null);
          reload();
        }}
      />
    );
  }
  return (
    <div className="buttons-panel">
      {error && (
        <p className="inline-error" role="alert">
          {t('publish.buttons.loadFailed', { error })}
        </p>
      )}
      {buttons?.length === 0 && <p className="muted small">{t('publish.buttons.none')}</p>}
      <ul className="saved-buttons" aria-label={t('publish.buttons.label')} hidden={!buttons?.length}>
        {buttons?.map((button) => (
          <li key={button.id} className="saved-button">
            <button
              type="button"
              className="press"
              title={`${nameOf(button.sourceId)}${button.topic ? ` · ${button.topic}` : ''}`}
              onClick={() =>
                templateNeedsInput(button.payload) ? setAsking({ button, value: '' }) : void press(button)
              }
            >
              {button.name}
            </button>
            <PinButton name={button.name} pinned={button.pinned} onChange={(pinned) => void pin(button, pinned)} />
            {button.pinned && <span className="badge">{t('publish.buttons.pinned')}</span>}
            <span className="small muted saved-button-where">
              {nameOf(button.sourceId)}
              {button.topic && ` · ${button.topic}`}
            </span>
            <button
              type="button"
              aria-label={t('publish.buttons.editNamed', { name: button.name })}
              onClick={() => setEditing({ button })}
            >
              {t('publish.buttons.edit')}
            </button>
            <button
              type="button"
              className="danger"
              aria-label={t('publish.buttons.deleteNamed', { name: button.name })}
              onClick={() => void remove(button)}
            >
              {t('publish.buttons.delete')}
            </button>
          </li>
        ))}
      </ul>
      {asking && (
        <form
          className="input-prompt"
          aria-label={t('publish.buttons.valueFor', { name: asking.button.name })}
          onSubmit={(event) => {
            event.preventDefault();
            void press(asking.button, asking.value);
          }}
        >
          <label htmlFor={`${id}-input`}>{t('publish.buttons.valueFor', { name: asking.button.name })}</label>
          <input
            id={`${id}-input`}
            autoFocus
            value={asking.value}
            onChange={(e) => setAsking({ ...asking, value: e.target.value })}
          />
          <button type="submit" className="primary">
            {t('publish.send')}
          </button>
          <button type="button" onClick={() => setAsking(null)}>
            {t('publish.cancel')}
          </button>
        </form>
      )}
      <OutcomeLine outcome={outcome} />
      <button type="button" onClick={() => setEditing({ button: null })} disabled={sources.length === 0}>
        {t('publish.buttons.add')}
      </button>
    </div>
  );
}
