// `npm start`: install what is missing, build, then migrate, seed and serve everything on one port.
import { ensureBuilt, ensureInstalled } from './ensure.mjs';

ensureInstalled();
ensureBuilt();
const { start, exitOnConfigError } = await import('../apps/server/dist/main.js');
await start().catch(exitOnConfigError);
