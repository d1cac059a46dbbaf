import { useEffect, useState } from 'preact/hooks';

/** Copies the room's address, the one thing people need to invite others, and says that it did. */
export function CopyLink() {
  const [copied, setCopied] = useState<'idle' | 'copied' | 'failed'>('idle');

  useEffect(() => {
    if (copied === 'idle') return;
    const timer = setTimeout(() => setCopied('idle'), 2500);
    return () => clearTimeout(timer);
  }, [copied]);

  const copy = () => {
    const link = `${location.origin}${location.pathname}`;
    const clipboard = navigator.clipboard as Clipboard | undefined;
    if (!clipboard) {
      setCopied('failed');
      return;
    }
    clipboard.writeText(link).then(
      () => setCopied('copied'),
      () => setCopied('failed'),
    );
  };

  return (
    <span class="copy-link">
      <button type="button" class="button button--small" onClick={copy}>
        Copy invite link
      </button>
      <span class="copy-link__status" role="status" aria-live="polite">
        {copied === 'copied' ? 'Link copied' : copied === 'failed' ? 'Copy the address from the address bar' : ''}
      </span>
    </span>
  );
}
