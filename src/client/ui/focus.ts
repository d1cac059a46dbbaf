import { useEffect, useRef } from 'preact/hooks';

/** The call control for an action (`data-action` on the controls' buttons), if it is on the page. */
export function controlButton(action: string): HTMLElement | null {
  return document.querySelector<HTMLElement>(`.controls [data-action="${action}"]`);
}

/**
 * While `open`, remembers what had the focus when it opened; when it closes, gives the focus back there (or,
 * if that is gone, to `fallback()`), so that closing a panel or a dialog never drops the focus to the page.
 */
export function useReturnFocus(open: boolean, fallback: () => HTMLElement | null): void {
  const opener = useRef<HTMLElement | null>(null);
  const wasOpen = useRef(open);
  if (open && !wasOpen.current && document.activeElement instanceof HTMLElement) {
    opener.current = document.activeElement;
  }
  useEffect(() => {
    if (wasOpen.current && !open) {
      const target = opener.current?.isConnected ? opener.current : fallback();
      // Focus only if it fell to the page: someone who clicked elsewhere meanwhile keeps their place.
      if (!document.activeElement || document.activeElement === document.body) target?.focus();
      opener.current = null;
    }
    wasOpen.current = open;
  }, [open, fallback]);
}
