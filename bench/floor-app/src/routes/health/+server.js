// What the bench waits for before loading the floor (bench/support.js startServer), as the app's own /health.
export const GET = () => new Response('ok');
