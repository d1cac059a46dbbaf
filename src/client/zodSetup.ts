import { z } from 'zod';

// The page's Content-Security-Policy forbids eval (script-src 'self'). Zod probes for it with `new Function`
// on its first parse of an object, to compile faster checks; the probe's error is caught, but browsers still
// report the blocked eval (Firefox as a page error, Chromium in the console and as a securitypolicyviolation
// event). Without the probe, zod checks the same way, without compiling.
z.config({ jitless: true });
