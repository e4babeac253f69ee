import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';

// Both src/views (tsx) and dist/views (compiled) sit two levels below the project root.
const projectRoot = fileURLToPath(new URL('../../', import.meta.url));

export const TEMPLATES_DIR = `${projectRoot}templates`;
export const PUBLIC_DIR = `${projectRoot}public`;

/** The minified htmx build from node_modules, served by the app so pages need no CDN. */
export const HTMX_FILE = createRequire(import.meta.url).resolve('htmx.org/dist/htmx.min.js');
