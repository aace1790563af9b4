// POST /api/uploads/m/sign — phone upload, step 1 (no login): the QR token is the permission. A signed upload URL
// for the grant's own object name (m-<nonce>.<ext> in the slot), so a grant yields at most one stored file.
import { z } from 'zod';
import { phoneFileStem } from '$lib/forms/qr';
import { answer, parseBody } from '$lib/server/uploads/http';
import { checkDeclaredSize, signUpload } from '$lib/server/uploads/objects';
import { checkGrant } from '$lib/server/uploads/qr';
import { supabaseAdmin } from '$lib/server/supabase-admin';
import type { RequestHandler } from './$types';

const body = z.object({ token: z.string().min(1).max(400), fileName: z.string().min(1).max(1000), size: z.number() });

const ext = (name: string) => /\.([A-Za-z0-9]{1,5})$/.exec(name)?.[1]?.toLowerCase();

export const POST: RequestHandler = (event) =>
  answer(event, async () => {
    const b = await parseBody(event.request, body);
    const { grant: g } = await checkGrant(b.token);
    checkDeclaredSize(b.size);
    const e = ext(b.fileName);
    const path = `${g.formId}/${g.requirementId}/${phoneFileStem(g.nonce)}${e ? '.' + e : ''}`;
    return signUpload(supabaseAdmin(), path);
  });
