// Test data for the online form end-to-end tests: tiny valid files (PDF, PNG) and an executable renamed .pdf,
// a QR token sealed like the server does (to test the expired path without waiting 20 minutes), and the review
// approval done the way an officer would: approve_review as 冯涛 (reviewer of 香洲) with his role and claims.
import { createCipheriv, createHash, randomBytes } from 'node:crypto';
import type { Page } from '@playwright/test';
import { E2E } from '../../../playwright.config';
import { asUser } from './cases';

/** A slot's file input as a taxpayer reaches it: 电脑上传 on a computer, the one 上传 on a phone (issue 16.3). */
export const slotUpload = (page: Page, label: string, phone: boolean) =>
  page.getByLabel(phone ? `上传：${label}` : `从电脑上传：${label}`, { exact: true });

export const PDF = Buffer.from(
  '%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj\n' +
    '3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 200 200]>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n',
);

/** A 1×1 PNG. */
export const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==',
  'base64',
);

/** The start of a Windows executable (MZ header), to be renamed .pdf. */
export const EXE = Buffer.concat([
  Buffer.from('MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff\x00\x00', 'latin1'),
  Buffer.alloc(512, 0),
]);

/** Seals a grant exactly as src/lib/forms/qr.ts does (44 bytes, AES-GCM). */
export function sealQrToken(formId: string, requirementId: string, expiresAtMs: number): string {
  const plain = Buffer.alloc(44);
  Buffer.from(formId.replace(/-/g, ''), 'hex').copy(plain, 0);
  Buffer.from(requirementId.replace(/-/g, ''), 'hex').copy(plain, 16);
  randomBytes(8).copy(plain, 32);
  plain.writeUInt32BE(Math.floor(expiresAtMs / 1000), 40);
  const key = createHash('sha256').update(`vtax:qr-upload:v1:${E2E.uploadTokenSecret}`).digest();
  const iv = randomBytes(12);
  const c = createCipheriv('aes-256-gcm', key, iv);
  const sealed = Buffer.concat([c.update(plain), c.final(), c.getAuthTag()]);
  return Buffer.concat([iv, sealed]).toString('base64url');
}

/** 冯涛, reviewer of 香洲 (seed), where the story's form is handled. */
const XZ_REVIEWER = '10000000-0000-4000-8000-000000000201';

/** 冯涛 approves the review of the case made from a form (审核通过). */
export async function approveFormAsReviewer(formId: string): Promise<void> {
  await asUser(XZ_REVIEWER, (db) =>
    db.query(`select public.approve_review((select id from public.cases where form_id = $1), '资料齐全')`, [formId]),
  );
}
