import { useTranslation } from 'react-i18next';
import { chooseLanguage, currentLanguage, isLanguage, languages } from '../../i18n';

export function LanguageSelect({ id, className }: { id?: string; className?: string }) {
  const { t } = useTranslation();
  return (
    <select
      id={id}
      className={`select language-select ${className ?? ''}`}
      value={currentLanguage()}
      onChange={(event) => {
        const lng = event.target.value;
        if (isLanguage(lng)) void chooseLanguage(lng);
      }}
      aria-label={t('more.language')}
      data-testid="language-select"
    >
      {languages.map((language) => (
        <option key={language.code} value={language.code} lang={language.code}>
          {language.name}
        </option>
      ))}
    </select>
  );
}
