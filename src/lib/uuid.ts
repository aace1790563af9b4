// What counts as an id: the one uuid test shared by the route matcher (src/params/uuid.ts) and the checks of ids
// that arrive in forms and request bodies. Any case (Postgres compares uuids, not their spelling).
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export const isUuid = (v: unknown): v is string => typeof v === 'string' && UUID.test(v);
