import { isLanguage, language, languageNames, languages, setLanguage, t } from '../i18n/index.js';
import { useStore } from './useStore.js';

/** The page's language, each named in itself; the choice applies at once and is remembered on this device. */
export function LanguageSelect({ id }: { id: string }) {
  const current = useStore(language);
  return (
    <div class="field language-select">
      <label for={id}>{t('language.label')}</label>
      <select
        id={id}
        value={current}
        onChange={(event) => {
          const chosen = event.currentTarget.value;
          if (isLanguage(chosen)) void setLanguage(chosen, true);
        }}
      >
        {languages.map((code) => (
          <option key={code} value={code} lang={code}>
            {languageNames[code]}
          </option>
        ))}
      </select>
    </div>
  );
}
