import type { BrowserContext, WebSocketRoute } from 'playwright-core';

interface Link {
  url: string;
  page: WebSocketRoute;
  server: WebSocketRoute;
  /** Held while the network is cut, delivered (late, in order) when it is restored, as TCP would. */
  toServer: (string | Buffer)[];
  toPage: (string | Buffer)[];
  serverClosed?: { code: number | undefined; reason: string | undefined };
}

/**
 * Cuts one participant's signaling (socket.io and PeerJS WebSockets) and restores it, as a network that
 * stops answering would: frames on open connections are held, not lost; new connections fail while cut.
 * Media flows peer to peer and is not touched.
 */
export class SignalingSwitch {
  private isCut = false;
  private readonly links = new Set<Link>();

  async attach(context: BrowserContext): Promise<void> {
    await context.routeWebSocket(/\/(socket\.io|peerjs)\//, (page) => {
      if (this.isCut) {
        void page.close({ code: 1006 });
        return;
      }
      const link: Link = { url: page.url(), page, server: page.connectToServer(), toServer: [], toPage: [] };
      this.links.add(link);
      link.page.onMessage((message) => (this.isCut ? link.toServer.push(message) : link.server.send(message)));
      link.server.onMessage((message) => (this.isCut ? link.toPage.push(message) : link.page.send(message)));
      link.page.onClose((code, reason) => {
        this.links.delete(link);
        void link.server.close({ code, reason });
      });
      link.server.onClose((code, reason) => {
        if (this.isCut) {
          link.serverClosed = { code, reason };
          return;
        }
        this.links.delete(link);
        void link.page.close({ code, reason });
      });
    });
  }

  cut(): void {
    this.isCut = true;
  }

  /**
   * Breaks the open socket.io connection at both ends, as a reset TCP connection (a NAT rebinding, a Wi-Fi
   * handover, a proxy restarting) would, while the PeerJS socket stays up. New connections go through.
   */
  dropSocketIo(): void {
    for (const link of [...this.links].filter(({ url }) => url.includes('/socket.io/'))) {
      this.links.delete(link);
      void link.server.close({ code: 1001, reason: 'connection reset' });
      void link.page.close({ code: 1001, reason: 'connection reset' });
    }
  }

  restore(): void {
    this.isCut = false;
    for (const link of [...this.links]) {
      for (const message of link.toServer.splice(0)) link.server.send(message);
      for (const message of link.toPage.splice(0)) link.page.send(message);
      if (link.serverClosed) {
        this.links.delete(link);
        void link.page.close(link.serverClosed);
      }
    }
  }
}
