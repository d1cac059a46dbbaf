import { options, render } from 'preact';
import { markOnce } from '../perf.js';
import { deferRender } from '../renderHolds.js';
import type { RoomSession } from '../room/session.js';
import { App } from './App.js';

/** Draws the page for this session: the interface's own chunk, evaluated once the connections are asked for. */
export function mount(session: RoomSession, root: HTMLElement): void {
  // Re-renders wait while a call's offer or answer is being made (renderHolds.ts).
  options.debounceRendering = deferRender;
  render(<App session={session} />, root);
  markOnce('page-drawn');
}
