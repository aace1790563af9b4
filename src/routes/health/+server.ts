// Liveness for `npm start` and load balancers: answers without touching the database.
import { json } from '@sveltejs/kit';

export const GET = () => json({ ok: true, name: 'v-tax' });
