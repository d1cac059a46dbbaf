/** Someone whose hand may be up, with the server's place for it in the room's queue. */
export interface HandHolder {
  peerId: string;
  hand: boolean;
  handOrder?: number | undefined;
}

/**
 * Raised hands in the order they went up (the server numbers them), as 1-based places by peer id. A hand
 * whose number is not known yet (just raised, the answer on its way) goes last.
 */
export function handQueue(people: readonly HandHolder[]): Map<string, number> {
  const raised = people
    .filter((person) => person.hand)
    .map((person, index) => ({ person, index }))
    .sort(
      (a, b) =>
        (a.person.handOrder ?? Number.MAX_SAFE_INTEGER) - (b.person.handOrder ?? Number.MAX_SAFE_INTEGER) ||
        a.index - b.index,
    );
  return new Map(raised.map(({ person }, place) => [person.peerId, place + 1]));
}
