// @ts-check
// Where the workers find the database: DATABASE_URL in production (the Supabase project's direct connection
// string), the local stand-in's PostgreSQL otherwise.
export function databaseUrl() {
  return (
    process.env.DATABASE_URL ??
    `postgresql://postgres:postgres@127.0.0.1:${process.env.SUPABASE_LOCAL_DB_PORT ?? 54322}/postgres`
  );
}
