/** The room's address, the one thing people need to invite others. */
export function inviteLink(): string {
  return `${location.origin}${location.pathname}`;
}

/** Copies the invite link; resolves false where the page may not write to the clipboard. */
export async function copyInviteLink(): Promise<boolean> {
  const clipboard = navigator.clipboard as Clipboard | undefined;
  if (!clipboard) return false;
  try {
    await clipboard.writeText(inviteLink());
    return true;
  } catch {
    return false;
  }
}
