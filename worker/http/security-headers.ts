import { secureHeaders } from 'hono/secure-headers';

/**
 * Sets the security headers of every response: HSTS for two years with preload, a CSP that
 * allows only the portal's own scripts and styles (no inline script), no framing and no referrer.
 * The Permissions-Policy turns off device features the portal does not use, but keeps passkey
 * sign-in allowed on this origin.
 */
export const portalSecureHeaders = () =>
  secureHeaders({
    strictTransportSecurity: 'max-age=63072000; includeSubDomains; preload',
    contentSecurityPolicy: {
      defaultSrc: ["'self'"],
      scriptSrc: ["'self'"],
      styleSrc: ["'self'"],
      imgSrc: ["'self'", 'data:'],
      connectSrc: ["'self'"],
      formAction: ["'self'"],
      frameAncestors: ["'none'"],
      baseUri: ["'none'"],
      objectSrc: ["'none'"],
    },
    referrerPolicy: 'no-referrer',
    xFrameOptions: 'DENY',
    crossOriginOpenerPolicy: 'same-origin',
    crossOriginResourcePolicy: 'same-origin',
    permissionsPolicy: {
      camera: [],
      microphone: [],
      geolocation: [],
      payment: [],
      usb: [],
      fullscreen: [],
      publickeyCredentialsGet: ['self'],
    },
  });
