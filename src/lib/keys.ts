// The names both sides must spell the same, in one place:
// - `keys`: what a load depends on — `depends(keys.case(id))` in the server load, `invalidate(keys.case(id))`
//   in the page that wants it fetched again (SvelteKit's custom identifiers; one prefix, `app:`);
// - `topics`: the private realtime topics the database broadcasts on (`realtime.send(…, 'case:' || id, true)` in
//   supabase/migrations) and lets members join (private.can_use_topic). keys.test.ts checks both lists agree.
// Ids are lower-cased: Postgres prints uuids in lower case, a URL may not.
const id = (value: string) => value.toLowerCase();

export const keys = {
  /** Who is signed in: the root layout loads depend on it (named as in Supabase's SvelteKit guide). */
  auth: 'supabase:auth',
  todos: 'app:todos',
  /** 历史记录 (/history). */
  history: 'app:history',
  notices: 'app:notices',
  forms: 'app:forms',
  /** The taxpayer's bound tickets (票号绑定, /tickets). */
  tickets: 'app:tickets',
  /** The officer dashboard (/officer) of the hall being worked in. */
  officerDashboard: 'app:officer-dashboard',
  case: (caseId: string) => `app:case:${id(caseId)}`,
  form: (formId: string) => `app:form:${id(formId)}`,
  /** A hall's pending reviews (/officer/review). */
  reviews: (hallId: string) => `app:reviews:${id(hallId)}`,
  /** A hall's back-office tasks (/officer/back-office). */
  backOffice: (hallId: string) => `app:back-office:${id(hallId)}`,
  /** Today's authorization codes of a hall (/officer/codes). */
  authorizationCodes: (hallId: string) => `app:authorization-codes:${id(hallId)}`,
  /** A hall's online queues and the officer's own called ticket (/officer/online). */
  online: (hallId: string) => `app:online:${id(hallId)}`,
  /** One 人工导税 session (the taxpayer's /guidance/<id>, the officer's /officer/guidance/<id>). */
  guidance: (sessionId: string) => `app:guidance:${id(sessionId)}`,
  /** A hall's guidance queue and the officer's sessions (/officer/guidance). */
  guidanceQueue: (hallId: string) => `app:guidance-queue:${id(hallId)}`,
  /** A hall's board (/hall/<id>/board). */
  hallBoard: (hallId: string) => `app:hall-board:${id(hallId)}`,
} as const;

export const topics = {
  /** A case's changes: its taxpayer side and its hall's officers. */
  case: (caseId: string) => `case:${id(caseId)}`,
  /** One person's notices, unread counts, "you are called", uploads from the phone. */
  user: (userId: string) => `user:${id(userId)}`,
  /** A hall's queue board (ticket numbers only), for anyone — signed in or not (the hall display). */
  queue: (hallId: string) => `queue:${id(hallId)}`,
  /** An interaction room (messages, typing, call signalling): its members. */
  room: (conversationId: string) => `room:${id(conversationId)}`,
  /** A hall's officers (case and queue changes, presence). */
  officers: (hallId: string) => `officers:${id(hallId)}`,
} as const;
