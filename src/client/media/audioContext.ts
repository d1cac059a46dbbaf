let context: AudioContext | undefined;

/**
 * One AudioContext for the page (stand-in silence, level meters). Browsers may start it suspended until
 * the person interacts with the page; `resumeAudio` is called on the first click or key press.
 */
export function sharedAudioContext(): AudioContext {
  context ??= new AudioContext();
  return context;
}

export function resumeAudio(): void {
  if (context?.state === 'suspended') void context.resume().catch(() => undefined);
}
