/**
 * How much of its room's chat history each seat was already sent in join answers. A seat gets the history once
 * (its first answer); after that, asking again (a resume, a repeated join, any `chatAfter`) brings only messages
 * newer than the newest it was sent, so each message goes to a seat in at most one answer, however often it
 * asks. Keyed by the seat's own record: gone with the seat, nothing to clean up. Pure state.
 */
export class HistoryLedger {
  private readonly sentThrough = new WeakMap<object, number>();

  /** The id after which an answer to this seat may carry messages (undefined: from the start). */
  after(seat: object, chatAfter: string | undefined): string | undefined {
    const sent = this.sentThrough.get(seat);
    if (sent === undefined) return chatAfter;
    return String(Math.max(sent, Number(chatAfter ?? 0)));
  }

  /** The newest message id this seat was sent in answers (undefined: it has had none yet). */
  sentTo(seat: object): number | undefined {
    return this.sentThrough.get(seat);
  }

  /** Takes over what another node noted for this seat (a cluster's room moved here). */
  restore(seat: object, sentThrough: number): void {
    this.sentThrough.set(seat, sentThrough);
  }

  /** Notes what an answer to this seat carried (possibly nothing: the seat has had its first answer). */
  sent(seat: object, messages: readonly { id: string }[]): void {
    const newest = messages.at(-1);
    this.sentThrough.set(seat, Math.max(this.sentThrough.get(seat) ?? 0, newest ? Number(newest.id) : 0));
  }
}
