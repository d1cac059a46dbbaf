// Regenerates .env.example from the settings table (src/server/config/settings.ts).
import { writeFileSync } from 'node:fs';
import { envExample } from '../src/server/config/load.js';

writeFileSync('.env.example', envExample());
console.log('wrote .env.example');
