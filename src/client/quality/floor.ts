/**
 * Who has the floor, for low-bandwidth mode (whose video a receiver keeps): whoever started speaking while
 * the one before them had stopped. The holder keeps it while they still speak, so two people talking at once
 * do not flip the video back and forth, and after they stop, until someone else speaks. Fed every change of
 * who speaks (not a sample now and then, which can fall between one person's words and miss them).
 */
export class Floor {
  private holder: string | undefined;

  /** Records who speaks now (peer ids; 'self' is never given the floor); true when the floor changed hands. */
  heard(speaking: ReadonlySet<string>): boolean {
    if (this.holder !== undefined && speaking.has(this.holder)) return false;
    const next = [...speaking].find((peerId) => peerId !== 'self');
    if (next === undefined) return false;
    this.holder = next;
    return true;
  }

  /** The holder if they are among these participants, else the first of them (nobody has spoken yet, or they left). */
  among(peerIds: readonly string[]): string | undefined {
    return this.holder !== undefined && peerIds.includes(this.holder) ? this.holder : peerIds[0];
  }
}
