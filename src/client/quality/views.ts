import type { ViewSizeReport } from '../../shared/schemas.js';
import type { ViewSize } from './budgets.js';
import { Floor } from './floor.js';
import { lowBandwidth } from './settings.js';

/** How often tile sizes are read (a layout change also resizes the tiles; nothing else must be faster). */
const everyMs = 1000;
/** A size within this share of the one last reported is not worth a message. */
const changeShare = 0.2;

export interface TileView {
  /** The tile's box on the page, CSS pixels (undefined: the tile is not on the page yet). */
  rect: { x: number; y: number; width: number; height: number } | undefined;
  viewport: { width: number; height: number };
  devicePixelRatio: number;
  pageVisible: boolean;
  /** Another element is full screen (one tile, or the stage's main one): this tile is not seen. */
  otherFullscreen: boolean;
  /** Low-bandwidth mode hides this participant's video. */
  heldBack: boolean;
}

/** The size to report for one tile (device pixels; 0×0: not seen), or undefined to say nothing yet. */
export function viewOf(tile: TileView): ViewSize | undefined {
  if (!tile.rect) return undefined;
  const hidden = { width: 0, height: 0 };
  if (!tile.pageVisible || tile.otherFullscreen || tile.heldBack) return hidden;
  const { x, y, width, height } = tile.rect;
  const offscreen = x + width <= 0 || y + height <= 0 || x >= tile.viewport.width || y >= tile.viewport.height;
  if (offscreen || width <= 0 || height <= 0) return hidden;
  return {
    width: Math.round(width * tile.devicePixelRatio),
    height: Math.round(height * tile.devicePixelRatio),
  };
}

/** Whether a new view is worth telling the sender: shown or not changed, or the size by a fifth. */
export function viewChanged(before: ViewSize | undefined, after: ViewSize): boolean {
  if (!before) return true;
  const shown = (view: ViewSize) => view.width > 0 && view.height > 0;
  if (shown(before) !== shown(after)) return true;
  const moved = (a: number, b: number) => Math.abs(a - b) > changeShare * Math.max(a, b);
  return moved(before.width, after.width) || moved(before.height, after.height);
}

export interface ViewReporterDeps {
  /** The remote participants now: who they are, and whether they present. */
  participants(): Iterable<{ peerId: string; screen: boolean }>;
  /** Sends one report (only called while in the room). */
  send(report: ViewSizeReport): void;
  canSend(): boolean;
}

/**
 * The receiving half: reads how large each remote tile is on this page, and tells its sender when that
 * changes (its tile resized, the page went to the background, another tile went full screen, low-bandwidth
 * mode). Tiles are found by their `data-peer-id` (ui/Tile.tsx renders it), so the components need not know.
 */
export class ViewReporter {
  private readonly sent = new Map<string, ViewSize>();
  private timer: ReturnType<typeof setInterval> | undefined;
  private readonly floor = new Floor();
  private unsubscribe: (() => void) | undefined;

  constructor(private readonly deps: ViewReporterDeps) {}

  start(): void {
    if (this.timer) return;
    this.timer = setInterval(this.report, everyMs);
    document.addEventListener('visibilitychange', this.report);
    document.addEventListener('fullscreenchange', this.report);
    this.unsubscribe = lowBandwidth.subscribe(this.report);
  }

  stop(): void {
    clearInterval(this.timer);
    this.timer = undefined;
    document.removeEventListener('visibilitychange', this.report);
    document.removeEventListener('fullscreenchange', this.report);
    this.unsubscribe?.();
    this.unsubscribe = undefined;
  }

  /** After (re)joining: the senders may have forgotten us, so every size is told again. */
  resendAll(): void {
    this.sent.clear();
    this.report();
  }

  /** Who speaks now (peer ids): called on every change. In low-bandwidth mode a new speaker's video comes at once. */
  speakingChanged(speaking: ReadonlySet<string>): void {
    if (this.floor.heard(speaking) && lowBandwidth.get() && this.timer) this.report();
  }

  /** Whether we show this participant's video now (as last reported; unknown counts as shown). */
  shows(peerId: string): boolean {
    const view = this.sent.get(peerId);
    return !view || (view.width > 0 && view.height > 0);
  }

  private readonly report = (): void => {
    if (!this.deps.canSend()) return;
    const participants = [...this.deps.participants()];
    const speaker = this.floor.among(participants.map((participant) => participant.peerId));
    const fullscreen = document.fullscreenElement;
    const present = new Set<string>();
    for (const { peerId, screen } of participants) {
      present.add(peerId);
      const tile = document.querySelector<HTMLElement>(`.tile[data-peer-id="${CSS.escape(peerId)}"]`);
      const rect = tile?.getBoundingClientRect();
      const view = viewOf({
        rect,
        viewport: { width: window.innerWidth, height: window.innerHeight },
        devicePixelRatio: window.devicePixelRatio || 1,
        pageVisible: document.visibilityState !== 'hidden',
        otherFullscreen: !!fullscreen && !!tile && !fullscreen.contains(tile) && !tile.contains(fullscreen),
        heldBack: lowBandwidth.get() && peerId !== speaker && !screen,
      });
      if (!view || !viewChanged(this.sent.get(peerId), view)) continue;
      this.sent.set(peerId, view);
      this.deps.send({ to: peerId, ...view });
    }
    for (const peerId of this.sent.keys()) if (!present.has(peerId)) this.sent.delete(peerId);
  };
}
