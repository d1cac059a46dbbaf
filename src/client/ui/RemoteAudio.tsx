import { useEffect, useRef } from 'preact/hooks';

/** Plays one participant's sound. Reports when the browser's autoplay policy holds it back. */
export function RemoteAudio({ stream, onBlocked }: { stream: MediaStream; onBlocked: () => void }) {
  const ref = useRef<HTMLAudioElement>(null);
  useEffect(() => {
    const element = ref.current;
    if (!element) return;
    element.srcObject = stream;
    element.play().catch((error: unknown) => {
      if (error instanceof DOMException && error.name === 'NotAllowedError') onBlocked();
    });
  }, [stream, onBlocked]);
  return <audio ref={ref} autoplay />;
}
