// The first-load bench's floor (bench/first-load.js): the same one select as the SSR floor (../+page.server.js).
export { load } from '../+page.server.js';
