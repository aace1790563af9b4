// The phone's upload page opened from a QR code (SPEC T3.2). No login: the token in the URL is the permission
// for one slot of one form, sealed by the server, until it expires or has been used. Forged → 400, expired →
// 410, used or the form closed → 409, each with a message the taxpayer can act on.
import { error } from '@sveltejs/kit';
import { expiryLabel } from '$lib/forms/qr';
import { UploadRefused } from '$lib/server/uploads/objects';
import { checkGrant } from '$lib/server/uploads/qr';
import { ALLOWED_LABEL, MAX_UPLOAD_BYTES } from '$lib/uploads/rules';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ params, setHeaders }) => {
  // The token is a credential: never cache the page or send it on as a referrer.
  setHeaders({ 'cache-control': 'no-store', 'referrer-policy': 'no-referrer' });
  try {
    const g = await checkGrant(params.token);
    return {
      token: params.token,
      nodeName: g.nodeName,
      topicName: g.topicName,
      slotLabel: g.slotLabel,
      required: g.required,
      note: g.note,
      expiryText: expiryLabel(g.grant.expiresAt),
      rules: `支持 ${ALLOWED_LABEL}，单个文件不超过 ${MAX_UPLOAD_BYTES / 1024 / 1024}MB`,
    };
  } catch (e) {
    if (e instanceof UploadRefused) error(e.status, e.message);
    throw e;
  }
};
