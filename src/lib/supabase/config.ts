// Which Supabase project the app talks to. In production PUBLIC_SUPABASE_URL and PUBLIC_SUPABASE_ANON_KEY point
// at the real project; with nothing set, the embedded defaults (the local stand-in) apply. Read at runtime, so
// one build serves any environment.
import { env } from '$env/dynamic/public';

/** The Supabase CLI's documented local anon key (public by design). */
const LOCAL_ANON_KEY =
  'eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJpc3MiOiJzdXBhYmFzZS1kZW1vIiwicm9sZSI6ImFub24iLCJleHAiOjE5ODM4MTI5OTZ9.CRXP1A7WOeoJeXxjNni43kdQwgnWNReilDMblYTn_I0';

export const supabaseUrl = env.PUBLIC_SUPABASE_URL || 'http://127.0.0.1:54321';
export const supabaseAnonKey = env.PUBLIC_SUPABASE_ANON_KEY || LOCAL_ANON_KEY;
