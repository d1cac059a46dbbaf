import { t } from '../../i18n/index.js';
import { lowBandwidth, setLowBandwidth } from '../../quality/settings.js';
import { useStore } from '../useStore.js';

/** Settings: receive video only from whoever speaks (or presents); kept on this device. */
export function LowBandwidthSwitch() {
  const on = useStore(lowBandwidth);
  return (
    <section aria-labelledby="quality-title">
      <h3 id="quality-title">{t('quality.settings')}</h3>
      <label class="checkbox">
        <input type="checkbox" checked={on} onChange={(event) => setLowBandwidth(event.currentTarget.checked)} />
        {t('quality.lowBandwidth')}
      </label>
    </section>
  );
}
