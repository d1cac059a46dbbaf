import { t } from '../../i18n/index.js';
import type { PeerQuality } from '../../quality/controller.js';

const size = (width?: number, height?: number) => (width && height ? `${width}×${height}` : '–');
const percent = (share: number | undefined) => (share === undefined ? '–' : `${(share * 100).toFixed(1)} %`);

/** One call's numbers from the last 2 s: what arrives from them, what we send them, and the link. */
export function QualityStats({ quality, onClose }: { quality: PeerQuality; onClose: () => void }) {
  const { inbound, outbound, rttMs, route } = quality.window;
  const rows: [string, string, string][] = [
    [t('quality.resolution'), size(inbound.width, inbound.height), size(outbound.width, outbound.height)],
    [t('quality.frameRate'), `${inbound.fps}`, `${outbound.fps}`],
    [
      t('quality.bitrate'),
      `${inbound.videoKbps + inbound.audioKbps} kbit/s`,
      `${outbound.videoKbps + outbound.audioKbps} kbit/s`,
    ],
    [t('quality.codec'), [inbound.codec, inbound.audioCodec].filter(Boolean).join(', ') || '–', outbound.codec ?? '–'],
    [t('quality.loss'), percent(inbound.loss), percent(outbound.loss)],
    [t('quality.freezes'), `${inbound.freezes} (${inbound.freezeSeconds} s)`, ''],
    [t('quality.concealment'), percent(inbound.concealment), ''],
    [t('quality.limit'), '', outbound.limitation],
  ];
  return (
    <div class="tile-quality__stats" onClick={onClose}>
      <table>
        <thead>
          <tr>
            <th />
            <th scope="col">{t('quality.receiving')}</th>
            <th scope="col">{t('quality.sending')}</th>
          </tr>
        </thead>
        <tbody>
          {rows.map(([label, received, sent]) => (
            <tr key={label}>
              <th scope="row">{label}</th>
              <td>{received}</td>
              <td>{sent}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <p>
        {t('quality.roundTrip')}: {rttMs === undefined ? '–' : `${rttMs} ms`} · {t('quality.route')}:{' '}
        {route ? t(route === 'relay' ? 'quality.relay' : 'quality.direct') : '–'}
      </p>
    </div>
  );
}
