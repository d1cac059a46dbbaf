import { sharedAudioContext } from './audioContext.js';

/** A soft two-note chime (someone is at the door), made on the spot: no sound file to fetch. */
export function chime(): void {
  try {
    const context = sharedAudioContext();
    if (context.state !== 'running') return;
    const start = context.currentTime;
    for (const [index, frequency] of [660, 880].entries()) {
      const oscillator = context.createOscillator();
      const gain = context.createGain();
      oscillator.frequency.value = frequency;
      const at = start + index * 0.16;
      gain.gain.setValueAtTime(0.0001, at);
      gain.gain.exponentialRampToValueAtTime(0.12, at + 0.02);
      gain.gain.exponentialRampToValueAtTime(0.0001, at + 0.3);
      oscillator.connect(gain).connect(context.destination);
      oscillator.start(at);
      oscillator.stop(at + 0.32);
    }
  } catch {
    // No sound: the notice on the page is enough.
  }
}
