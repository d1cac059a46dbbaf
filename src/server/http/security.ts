import type { RequestHandler } from 'express';
import helmet from 'helmet';

/** Strict headers for every response: no inline script or style, camera and microphone for this origin only. */
export const securityHeaders = helmet({
  contentSecurityPolicy: {
    useDefaults: false,
    directives: {
      defaultSrc: ["'self'"],
      scriptSrc: ["'self'"],
      styleSrc: ["'self'"],
      imgSrc: ["'self'", 'data:', 'blob:'],
      mediaSrc: ["'self'", 'blob:'],
      // 'self' covers ws:/wss: to this origin (socket.io and the PeerJS signaling socket).
      connectSrc: ["'self'"],
      fontSrc: ["'self'"],
      objectSrc: ["'none'"],
      baseUri: ["'none'"],
      formAction: ["'self'"],
      frameAncestors: ["'self'"],
    },
  },
  // The room page has no cross-origin resources; isolation headers would only get in an embedder's way.
  crossOriginEmbedderPolicy: false,
  strictTransportSecurity: false,
});

export const permissionsPolicy = 'camera=(self), microphone=(self), display-capture=(self), autoplay=(self)';

/**
 * The headers of every answer: the node that gave it (behind a proxy, that is how one tells the nodes apart),
 * the strict security headers, and the Permissions-Policy.
 */
export function responseHeaders(node: string): RequestHandler[] {
  return [
    (_request, response, next) => {
      response.set('X-Parley-Node', node);
      response.set('Permissions-Policy', permissionsPolicy);
      next();
    },
    securityHeaders,
  ];
}
