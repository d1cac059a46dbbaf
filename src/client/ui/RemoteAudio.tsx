import { useEffect, useRef } from 'preact/hooks';

/** Plays one participant's sound, on the chosen speaker. Reports when autoplay rules hold it back. */
export function RemoteAudio({
  stream,
  sinkId,
  onBlocked,
}: {
  stream: MediaStream;
  sinkId: string | undefined;
  onBlocked: () => void;
}) {
  const ref = useRef<HTMLAudioElement>(null);
  useEffect(() => {
    const element = ref.current;
    if (!element) return;
    element.srcObject = stream;
    element.play().catch((error: unknown) => {
      if (error instanceof DOMException && error.name === 'NotAllowedError') onBlocked();
    });
  }, [stream, onBlocked]);
  useEffect(() => {
    const element = ref.current;
    if (element && sinkId && 'setSinkId' in element && element.sinkId !== sinkId) {
      element.setSinkId(sinkId).catch((error: unknown) => console.warn('cannot play on that speaker', error));
    }
  }, [sinkId]);
  return <audio ref={ref} autoplay />;
}
