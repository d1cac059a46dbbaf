/**
 * What a shaped link looks like, as commands for tc and rulesets for nft. Pure, so the rules can be read
 * and tested without root.
 *
 * This kernel has no netem (no delay or loss qdisc) and no fq_codel. So:
 * - the rate comes from `tbf` on the egress of each veth end (the namespace end shapes upload, the root end
 *   download); `latencyMs` is tbf's queue limit, the longest a packet may wait before it is dropped, which is
 *   also the only delay there is: a link that is not full adds none;
 * - random loss comes from nftables `numgen random` in a `netdev` table on the namespace's veth end, on its
 *   ingress (download) and egress (upload) hooks. Those hooks drop silently: an `inet` output-hook drop
 *   would fail the sender's sendmsg with EPERM, which no real network does, while a dropped egress packet
 *   looks like a full queue (ENOBUFS, which UDP ignores) and a dropped ingress packet is never seen.
 * Only IP is dropped, never ARP, so the neighbour entries stay valid: a cut looks like a path that vanished
 * beyond the first hop, not like an unplugged cable, and no socket gets an error or a reset.
 */
export interface LinkShape {
  /** Bandwidth in kbit/s; without it the direction is not rate-limited (loss may still apply). */
  rateKbit?: number;
  /** Bucket size in kbit: how much may leave at line speed after a pause. Default: 20 ms at the rate, at least 16. */
  burstKbit?: number;
  /** tbf queue limit in ms (see above). Default 100. */
  latencyMs?: number;
  /** Share of packets dropped at random, 0 to 100 (two decimals). */
  lossPercent?: number;
}

export type Direction = 'up' | 'down' | 'both';

export function checkShape(shape: LinkShape): void {
  const positive = (value: number | undefined, what: string, max: number) => {
    if (value !== undefined && !(Number.isFinite(value) && value > 0 && value <= max))
      throw new Error(`${what} must be a number in (0, ${max}], got ${value}`);
  };
  positive(shape.rateKbit, 'rateKbit', 10_000_000);
  positive(shape.burstKbit, 'burstKbit', 1_000_000);
  positive(shape.latencyMs, 'latencyMs', 60_000);
  const loss = shape.lossPercent;
  if (loss !== undefined && !(Number.isFinite(loss) && loss >= 0 && loss <= 100))
    throw new Error(`lossPercent must be in [0, 100], got ${loss}`);
  if (shape.rateKbit === undefined && (shape.burstKbit !== undefined || shape.latencyMs !== undefined))
    throw new Error('burstKbit and latencyMs shape a rate: give rateKbit too');
}

/** `tc` arguments that rate-limit `device`'s egress, or undefined when the shape has no rate. */
export function tbfArgs(device: string, shape: LinkShape): string[] | undefined {
  checkShape(shape);
  if (shape.rateKbit === undefined) return undefined;
  const rate = Math.round(shape.rateKbit);
  const burst = Math.round(shape.burstKbit ?? Math.max(16, rate / 50));
  const latency = Math.round(shape.latencyMs ?? 100);
  return [
    ...['qdisc', 'replace', 'dev', device, 'root', 'tbf'],
    ...['rate', `${rate}kbit`, 'burst', `${burst}kbit`, 'latency', `${latency}ms`],
  ];
}

export interface DropRules {
  /** Loss on packets leaving the namespace, percent. */
  uploadLossPercent: number;
  /** Loss on packets entering the namespace, percent. */
  downloadLossPercent: number;
  /** Every IP packet dropped both ways. */
  cut: boolean;
}

export const dropTable = 'parley_link';

/**
 * An nft script that replaces the namespace's drop table in one transaction (declaring the table first
 * makes the delete succeed when it did not exist). With nothing to drop, the table is only removed.
 */
export function dropRuleset(device: string, rules: DropRules): string {
  if (!/^[A-Za-z0-9_-]{1,15}$/.test(device)) throw new Error(`unexpected device name ${device}`);
  const reset = `table netdev ${dropTable}\ndelete table netdev ${dropTable}\n`;
  if (!rules.cut && rules.uploadLossPercent === 0 && rules.downloadLossPercent === 0) return reset;
  const chain = (name: string, hook: 'ingress' | 'egress', lossPercent: number) => {
    const statements = rules.cut
      ? ['meta protocol { ip, ip6 } drop']
      : lossPercent > 0
        ? [`meta protocol { ip, ip6 } numgen random mod 10000 < ${Math.round(lossPercent * 100)} drop`]
        : [];
    return [
      `  chain ${name} {`,
      `    type filter hook ${hook} device "${device}" priority 0; policy accept;`,
      ...statements.map((statement) => `    ${statement}`),
      '  }',
    ].join('\n');
  };
  return (
    reset +
    `table netdev ${dropTable} {\n` +
    `${chain('download', 'ingress', rules.downloadLossPercent)}\n` +
    `${chain('upload', 'egress', rules.uploadLossPercent)}\n` +
    '}\n'
  );
}
