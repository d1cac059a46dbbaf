import { isLanguage, language, languageNames, languages, setLanguage, t } from '../i18n/index.js';
import { useStore } from './useStore.js';

/**
 * The page's language, each named in itself; the choice applies at once and is remembered on this device.
 * Labelled by its own label, or by a heading already on screen (`labelledBy`).
 */
export function LanguageSelect({ id, labelledBy }: { id: string; labelledBy?: string }) {
  const current = useStore(language);
  return (
    <div class="field language-select">
      {!labelledBy && <label for={id}>{t('language.label')}</label>}
      <select
        id={id}
        aria-labelledby={labelledBy}
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
