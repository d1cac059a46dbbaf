// Scripts the join benchmarks put in a newcomer's page before its own (Playwright init scripts).

/**
 * The quickest possible person on Parley's pre-join screen: clicks "Join now" as soon as it is drawn and
 * enabled. In the page, not through Playwright's click: on a cold page that would first compile Playwright's
 * own injected script and make a dozen round trips to the browser, a cost that no person pays and that the
 * seed's page, which has nothing to click, would not pay either.
 */
export const clickJoinAtOnce = `(() => {
  const observer = new MutationObserver(() => {
    const button = document.querySelector('button.prejoin__join');
    if (!button || button.disabled) return;
    observer.disconnect();
    button.click();
  });
  observer.observe(document, { childList: true, subtree: true, attributes: true });
})();`;

/** What a newcomer's page logs once every frame measured has been presented. */
export const framesPresented = 'bench:frames-presented';
/** Logs `framesPresented` once the marks that end a measurement are there (no polling from outside). */
export const announceFrames = (present: number): string => `(() => {
  const presented = () =>
    performance.getEntriesByName('parley:first-remote-frame').length > 0 &&
    (${present} < 2 || performance.getEntriesByName('bench:remote-frame').length >= ${present});
  new PerformanceObserver((_list, observer) => {
    if (!presented()) return;
    observer.disconnect();
    console.debug('${framesPresented}');
  }).observe({ type: 'mark' });
})();`;
