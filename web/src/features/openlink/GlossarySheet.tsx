import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Glossary, OpenRoom } from '@maum/protocol';
import { currentLanguage } from '../../i18n';
import { ErrorMessage, ErrorState } from '../../ui/ErrorMessage';
import { IconClose, IconPlus } from '../../ui/Icons';
import { Sheet } from '../../ui/Sheet';
import { Spinner } from '../../ui/Spinner';
import { useToast } from '../../ui/Toast';
import { useGlossary, useSetGlossary } from './api';
import { glossaryFrom, type TermDraft } from './glossary';
import { languageName } from './translation';

/** The words the room keeps as written (names, titles) and the ones it translates its own way, per language. */
export function GlossarySheet({ room, onClose }: { room: OpenRoom; onClose: () => void }) {
  const { t } = useTranslation();
  const glossary = useGlossary(room.id);
  return (
    <Sheet onClose={onClose} title={t('openlink.glossary.title')} size="full" testId="glossary-sheet">
      {glossary.isPending ? (
        <div className="room-loading">
          <Spinner size={24} label={t('common.loading')} />
        </div>
      ) : glossary.isError ? (
        <ErrorState error={glossary.error} onRetry={() => void glossary.refetch()} />
      ) : (
        <GlossaryForm room={room} glossary={glossary.data} onClose={onClose} />
      )}
    </Sheet>
  );
}

function GlossaryForm({ room, glossary, onClose }: { room: OpenRoom; glossary: Glossary; onClose: () => void }) {
  const { t } = useTranslation();
  const lang = currentLanguage();
  const toast = useToast();
  const save = useSetGlossary(room.id);
  const [keep, setKeep] = useState(glossary.keep.join('\n'));
  const [terms, setTerms] = useState<TermDraft[]>(glossary.terms);
  const languages = room.languages.length > 0 ? room.languages : [lang];
  const change = (at: number, patch: Partial<TermDraft>) => setTerms((list) => list.map((term, i) => (i === at ? { ...term, ...patch } : term)));
  return (
    <div className="sheet-form">
      <label className="field">
        <span className="field-label">{t('openlink.glossary.keep')}</span>
        <textarea className="input input-multiline" rows={3} value={keep} onChange={(e) => setKeep(e.target.value)} placeholder={t('openlink.glossary.keepPlaceholder')} data-testid="glossary-keep" />
        <span className="field-hint">{t('openlink.glossary.keepHint')}</span>
      </label>
      <p className="field-label">{t('openlink.glossary.terms')}</p>
      <p className="field-hint">{t('openlink.glossary.termsHint')}</p>
      <ul className="glossary-terms">
        {terms.map((term, at) => (
          <li key={at} className="glossary-term" data-testid="glossary-term">
            <input className="input input-small" value={term.term} maxLength={50} onChange={(e) => change(at, { term: e.target.value })} aria-label={t('openlink.glossary.term')} placeholder={t('openlink.glossary.term')} />
            <select className="select select-compact" value={term.lang} onChange={(e) => change(at, { lang: e.target.value })} aria-label={t('openlink.glossary.language')}>
              {[...new Set([...languages, term.lang])].map((code) => (
                <option key={code} value={code}>
                  {languageName(code, lang)}
                </option>
              ))}
            </select>
            <input className="input input-small" value={term.text} maxLength={50} onChange={(e) => change(at, { text: e.target.value })} aria-label={t('openlink.glossary.as')} placeholder={t('openlink.glossary.as')} />
            <button type="button" className="icon-btn" onClick={() => setTerms((list) => list.filter((_, i) => i !== at))} aria-label={t('openlink.glossary.remove')}>
              <IconClose size={16} />
            </button>
          </li>
        ))}
      </ul>
      <button type="button" className="btn btn-secondary btn-small" onClick={() => setTerms((list) => [...list, { term: '', lang: languages[0] ?? lang, text: '' }])} data-testid="glossary-add">
        <IconPlus size={16} />
        {t('openlink.glossary.addTerm')}
      </button>
      <ErrorMessage error={save.error} />
      <button
        type="button"
        className="btn btn-primary btn-block"
        disabled={save.isPending}
        aria-busy={save.isPending}
        onClick={() =>
          save.mutate(glossaryFrom(keep, terms), {
            onSuccess: () => {
              toast(t('openlink.glossary.savedToast'));
              onClose();
            },
          })
        }
        data-testid="glossary-save"
      >
        {t('common.save')}
      </button>
    </div>
  );
}
