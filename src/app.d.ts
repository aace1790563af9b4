// See https://svelte.dev/docs/kit/types#app.d.ts
import type { Session, SupabaseClient, User } from '@supabase/supabase-js';
import type { Database } from '$lib/database.types';

declare global {
  namespace App {
    interface Error {
      message: string;
    }
    interface Locals {
      supabase: SupabaseClient<Database>;
      /** Session and user checked against Auth (never trust the cookie alone). */
      safeGetSession: () => Promise<{ session: Session | null; user: User | null }>;
      session: Session | null;
      user: User | null;
    }
    interface PageData {
      session: Session | null;
    }
    namespace Superforms {
      /** A form's message: the Chinese sentence a refused post shows (see $lib/server/validate). */
      type Message = string;
    }
  }
}

export {};
