// Contract tests for the stand-in's Storage API (/storage/v1) with the real storage-js (through supabase-js)
// against the real stand-in and PostgreSQL. Each run makes its own buckets `st-test-<run>…` and storage.objects
// policies scoped to them (the "own folder" rule apps use: first path segment = auth.uid()), so nothing depends
// on the app's buckets or policies.
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { randomUUID, randomBytes } from 'node:crypto';
import { SignJWT, decodeJwt } from 'jose';
import { createClient, type SupabaseClient } from '@supabase/supabase-js';
import { env, anonClient, serviceClient, adminDb } from '../support/supabase';

const run = randomBytes(4).toString('hex');
const PRIV = `st-test-${run}`; // private, own-folder policies
const LIM = `st-test-lim-${run}`; // 1 KiB limit, png + text/* only
const PUB = `st-test-pub-${run}`; // public bucket
const uidA = randomUUID();
const uidB = randomUUID();

async function tokenFor(sub: string, expiresIn = 3600) {
  const now = Math.floor(Date.now() / 1000);
  return new SignJWT({ sub, role: 'authenticated', aud: 'authenticated' })
    .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
    .setIssuedAt(now)
    .setExpirationTime(now + expiresIn)
    .sign(new TextEncoder().encode(env().jwtSecret));
}

function userClient(token: string): SupabaseClient {
  const e = env();
  return createClient(e.apiUrl, e.anonKey, { accessToken: async () => token });
}

/** The stand-in's storage folder: global-setup puts the data folder at <tmp>/vtax-test-<api port>. */
function storageDir() {
  const port = new URL(env().apiUrl).port;
  return path.join(os.tmpdir(), `vtax-test-${port}`, 'storage');
}

function filesUnder(dir: string): string[] {
  if (!fs.existsSync(dir)) return [];
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((d) => {
    const p = path.join(dir, d.name);
    return d.isDirectory() ? filesUnder(p) : [p];
  });
}

/** True when some file in the storage folder contains `marker`. */
function diskHas(marker: Buffer) {
  return filesUnder(storageDir()).some((f) => {
    try {
      return fs.readFileSync(f).includes(marker);
    } catch {
      return false; // removed meanwhile by a concurrent test
    }
  });
}

async function objectRow(bucket: string, name: string) {
  const { rows } = await adminDb().query('select * from storage.objects where bucket_id = $1 and name = $2', [
    bucket,
    name,
  ]);
  return rows[0];
}

/** A POST with node:http, which (unlike fetch) sends the path exactly as given. */
function rawPost(pathname: string, headers: Record<string, string>): Promise<{ status: number; body: string }> {
  const u = new URL(env().apiUrl);
  return new Promise((resolve, reject) => {
    const req = http.request(
      {
        host: u.hostname,
        port: u.port,
        path: pathname,
        method: 'POST',
        headers: { ...headers, 'content-type': 'text/plain' },
      },
      (res) => {
        let body = '';
        res.setEncoding('utf8');
        res.on('data', (c) => (body += c));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
      },
    );
    req.on('error', reject);
    req.end('x');
  });
}

let A: SupabaseClient;
let B: SupabaseClient;
let tokenA: string;

beforeAll(async () => {
  const db = adminDb();
  await db.query(
    `insert into storage.buckets (id, name, public, file_size_limit, allowed_mime_types) values
       ($1, $1, false, null, null), ($2, $2, false, 1024, array['image/png', 'text/*']), ($3, $3, true, null, null)`,
    [PRIV, LIM, PUB],
  );
  const own = `bucket_id in ('${PRIV}', '${LIM}') and (storage.foldername(name))[1] = auth.uid()::text`;
  await db.query(`
    create policy "st_${run}_ins" on storage.objects for insert to authenticated with check (${own});
    create policy "st_${run}_sel" on storage.objects for select to authenticated using (${own});
    create policy "st_${run}_upd" on storage.objects for update to authenticated using (${own}) with check (${own});
    create policy "st_${run}_del" on storage.objects for delete to authenticated using (${own});`);
  tokenA = await tokenFor(uidA);
  A = userClient(tokenA);
  B = userClient(await tokenFor(uidB));
});

afterAll(async () => {
  const db = adminDb();
  for (const p of ['ins', 'sel', 'upd', 'del'])
    await db.query(`drop policy if exists "st_${run}_${p}" on storage.objects`);
  // Direct deletes need what the Storage API sets (storage.protect_delete refuses them otherwise).
  const c = await db.connect();
  try {
    await c.query('begin');
    await c.query(`select set_config('storage.allow_delete_query', 'true', true)`);
    await c.query(`delete from storage.objects where bucket_id like $1`, [`st-test-%${run}`]);
    await c.query(`delete from storage.buckets where id like $1`, [`st-test-%${run}`]);
    await c.query('commit');
  } finally {
    c.release();
  }
});

describe('upload and download', () => {
  it('uploads a Blob as multipart, stores the row as the caller, and downloads the same bytes', async () => {
    const key = `${uidA}/notes/blob.txt`;
    const { data, error } = await A.storage.from(PRIV).upload(key, new Blob(['hello 税务'], { type: 'text/plain' }));
    expect(error).toBeNull();
    expect(data).toMatchObject({ path: key, fullPath: `${PRIV}/${key}` });
    expect(data!.id).toMatch(/^[0-9a-f-]{36}$/);

    const row = await objectRow(PRIV, key);
    expect(row.id).toBe(data!.id);
    expect(row.owner).toBe(uidA);
    expect(row.owner_id).toBe(uidA);
    expect(row.metadata).toMatchObject({
      size: Buffer.byteLength('hello 税务'),
      contentLength: Buffer.byteLength('hello 税务'),
      mimetype: 'text/plain',
      cacheControl: 'max-age=3600',
      httpStatusCode: 200,
    });
    expect(row.metadata.eTag).toMatch(/^"[0-9a-f]{32}"$/);
    expect(new Date(row.metadata.lastModified).getTime()).toBeGreaterThan(0);

    const dl = await A.storage.from(PRIV).download(key);
    expect(dl.error).toBeNull();
    expect(await dl.data!.text()).toBe('hello 税务');
  });

  it('uploads a Buffer as a raw body with its content type and serves the right headers', async () => {
    const key = `${uidA}/raw/scan.pdf`;
    const bytes = randomBytes(3000);
    const { error } = await A.storage
      .from(PRIV)
      .upload(key, bytes, { contentType: 'application/pdf', cacheControl: '60' });
    expect(error).toBeNull();
    const res = await fetch(`${env().apiUrl}/storage/v1/object/authenticated/${PRIV}/${key}`, {
      headers: { authorization: `Bearer ${tokenA}`, apikey: env().anonKey },
    });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/pdf');
    expect(res.headers.get('content-length')).toBe('3000');
    expect(res.headers.get('cache-control')).toBe('max-age=60');
    expect(res.headers.get('etag')).toMatch(/^"[0-9a-f]{32}"$/);
    expect(Buffer.from(await res.arrayBuffer()).equals(bytes)).toBe(true);

    const dl = await fetch(`${env().apiUrl}/storage/v1/object/${PRIV}/${key}?download=报税单.pdf`, {
      headers: { authorization: `Bearer ${tokenA}` },
    });
    expect(dl.headers.get('content-disposition')).toContain(`filename=${encodeURIComponent('报税单.pdf')}`);
    await dl.arrayBuffer();

    const withMd = await A.storage.from(PRIV).upload(`${uidA}/raw/md.bin`, randomBytes(10), {
      contentType: 'application/octet-stream',
      metadata: { page: 2 },
    });
    expect(withMd.error).toBeNull();
    expect((await A.storage.from(PRIV).info(`${uidA}/raw/md.bin`)).data).toMatchObject({
      size: 10,
      metadata: { page: 2 },
    });

    const ranged = await fetch(`${env().apiUrl}/storage/v1/object/${PRIV}/${key}`, {
      headers: { authorization: `Bearer ${tokenA}`, range: 'bytes=10-19' },
    });
    expect(ranged.status).toBe(206);
    expect(Buffer.from(await ranged.arrayBuffer()).equals(bytes.subarray(10, 20))).toBe(true);
  });

  it('uploads a File with user metadata; info() and exists() report it', async () => {
    const key = `${uidA}/files/photo.png`;
    const file = new File([randomBytes(200)], 'photo.png', { type: 'image/png' });
    const up = await A.storage.from(PRIV).upload(key, file, { metadata: { formId: 'F-1' } });
    expect(up.error).toBeNull();
    const info = await A.storage.from(PRIV).info(key);
    expect(info.error).toBeNull();
    expect(info.data).toMatchObject({
      name: key,
      bucketId: PRIV,
      size: 200,
      contentType: 'image/png',
      metadata: { formId: 'F-1' },
    });
    expect((await A.storage.from(PRIV).exists(key)).data).toBe(true);
    expect((await A.storage.from(PRIV).exists(`${uidA}/files/none.png`)).data).toBe(false);
  });

  it('handles non-ASCII (Chinese) keys in upload, list, download and signed URLs', async () => {
    const key = `${uidA}/中文/增值税 发票(1).txt`;
    expect((await A.storage.from(PRIV).upload(key, '发票内容')).error).toBeNull();
    expect((await A.storage.from(PRIV).list(`${uidA}/中文`)).data!.map((o) => o.name)).toEqual(['增值税 发票(1).txt']);
    expect(await (await A.storage.from(PRIV).download(key)).data!.text()).toBe('发票内容');
    const { data } = await A.storage.from(PRIV).createSignedUrl(key, 60);
    expect(await (await fetch(data!.signedUrl)).text()).toBe('发票内容');
    const up = await A.storage.from(PRIV).createSignedUploadUrl(`${uidA}/中文/手机.txt`);
    expect(
      (await anonClient().storage.from(PRIV).uploadToSignedUrl(`${uidA}/中文/手机.txt`, up.data!.token, '手机')).error,
    ).toBeNull();
    expect((await objectRow(PRIV, `${uidA}/中文/手机.txt`)).owner).toBe(uidA);
  });

  it('answers a missing object with Storage’s not-found shape', async () => {
    const { data, error } = await A.storage.from(PRIV).download(`${uidA}/nothing-here.txt`);
    expect(data).toBeNull();
    expect(error).toMatchObject({ status: 400, statusCode: '404', message: 'Object not found' });
    const res = await fetch(`${env().apiUrl}/storage/v1/object/${PRIV}/${uidA}/nothing-here.txt`, {
      headers: { authorization: `Bearer ${tokenA}` },
    });
    expect(await res.json()).toEqual({
      statusCode: '404',
      code: 'NoSuchKey',
      error: 'not_found',
      message: 'Object not found',
    });
  });
});

describe('upsert, update and bucket limits', () => {
  it('refuses a duplicate with 409 unless x-upsert, which replaces bytes and removes the old file', async () => {
    const key = `${uidA}/dup/a.txt`;
    expect((await A.storage.from(PRIV).upload(key, 'one')).error).toBeNull();
    const first = await objectRow(PRIV, key);

    const dup = await A.storage.from(PRIV).upload(key, 'two');
    expect(dup.error).toMatchObject({ statusCode: '409', message: 'The resource already exists' });

    const up = await A.storage.from(PRIV).upload(key, 'three', { upsert: true });
    expect(up.error).toBeNull();
    const after = await objectRow(PRIV, key);
    expect(after.id).toBe(first.id);
    expect(after.version).not.toBe(first.version);
    expect(fs.existsSync(path.join(storageDir(), 'objects', first.version))).toBe(false);
    expect(fs.existsSync(path.join(storageDir(), 'objects', after.version))).toBe(true);
    expect(await (await A.storage.from(PRIV).download(key)).data!.text()).toBe('three');

    const upd = await A.storage.from(PRIV).update(key, 'four');
    expect(upd.error).toBeNull();
    expect(await (await A.storage.from(PRIV).download(key)).data!.text()).toBe('four');
    const missing = await A.storage.from(PRIV).update(`${uidA}/dup/none.txt`, 'x');
    expect(missing.error).toMatchObject({ statusCode: '404' });
  });

  it('enforces the bucket size limit (413) and allowed MIME types (415), leaving nothing behind', async () => {
    const marker = randomBytes(32);
    const big = Buffer.concat([marker, randomBytes(2048)]);
    const tooBig = await A.storage.from(LIM).upload(`${uidA}/big.png`, big, { contentType: 'image/png' });
    expect(tooBig.error).toMatchObject({ status: 400, statusCode: '413' });
    const tooBigBlob = await A.storage.from(LIM).upload(`${uidA}/big2.png`, new Blob([big], { type: 'image/png' }));
    expect(tooBigBlob.error).toMatchObject({ statusCode: '413' });

    const pdf = await A.storage
      .from(LIM)
      .upload(`${uidA}/doc.pdf`, Buffer.from('%PDF'), { contentType: 'application/pdf' });
    expect(pdf.error).toMatchObject({ statusCode: '415', code: 'InvalidMimeType' });

    expect(
      (await A.storage.from(LIM).upload(`${uidA}/ok.png`, randomBytes(1024), { contentType: 'image/png' })).error,
    ).toBeNull();
    expect(
      (await A.storage.from(LIM).upload(`${uidA}/ok.txt`, new Blob(['hi'], { type: 'text/csv' }))).error,
    ).toBeNull();

    expect(await objectRow(LIM, `${uidA}/big.png`)).toBeUndefined();
    expect(await objectRow(LIM, `${uidA}/doc.pdf`)).toBeUndefined();
    expect(diskHas(marker)).toBe(false);
  });
});

describe('row-level security', () => {
  const key = `${uidA}/private/secret.txt`;
  beforeAll(async () => {
    const { error } = await A.storage.from(PRIV).upload(key, 'A only');
    expect(error).toBeNull();
  });

  it('lets the owner read, list and sign in her own folder', async () => {
    expect(await (await A.storage.from(PRIV).download(key)).data!.text()).toBe('A only');
    const list = await A.storage.from(PRIV).list(`${uidA}/private`);
    expect(list.data!.map((o) => o.name)).toEqual(['secret.txt']);
    expect((await A.storage.from(PRIV).createSignedUrl(key, 60)).error).toBeNull();
  });

  it('hides the object from another user: no read, write, sign, list or remove', async () => {
    const dl = await B.storage.from(PRIV).download(key);
    expect(dl.error).toMatchObject({ statusCode: '404' });
    const up = await B.storage.from(PRIV).upload(`${uidA}/private/evil.txt`, 'x');
    expect(up.error).toMatchObject({ statusCode: '403', message: 'new row violates row-level security policy' });
    const ups = await B.storage.from(PRIV).upload(key, 'overwrite', { upsert: true });
    expect(ups.error).not.toBeNull();
    const upd = await B.storage.from(PRIV).update(key, 'overwrite');
    expect(upd.error).toMatchObject({ statusCode: '404' });
    const sign = await B.storage.from(PRIV).createSignedUrl(key, 60);
    expect(sign.error).toMatchObject({ statusCode: '404' });
    const signUp = await B.storage.from(PRIV).createSignedUploadUrl(`${uidA}/private/evil2.txt`);
    expect(signUp.error).toMatchObject({ statusCode: '403' });
    expect((await B.storage.from(PRIV).list(`${uidA}/private`)).data).toEqual([]);
    expect((await B.storage.from(PRIV).remove([key])).data).toEqual([]);
    const mv = await B.storage.from(PRIV).move(key, `${uidB}/stolen.txt`);
    expect(mv.error).toMatchObject({ statusCode: '404' });
    const cp = await B.storage.from(PRIV).copy(key, `${uidB}/stolen.txt`);
    expect(cp.error).toMatchObject({ statusCode: '404' });

    expect(await objectRow(PRIV, `${uidA}/private/evil.txt`)).toBeUndefined();
    expect(await (await A.storage.from(PRIV).download(key)).data!.text()).toBe('A only');
  });

  it('refuses anonymous callers', async () => {
    const anon = anonClient();
    expect((await anon.storage.from(PRIV).download(key)).error).toMatchObject({ statusCode: '404' });
    expect((await anon.storage.from(PRIV).upload(`${uidA}/anon.txt`, 'x')).error).toMatchObject({ statusCode: '403' });
    expect((await anon.storage.from(PRIV).list(uidA)).data).toEqual([]);
  });

  it('leaves no file on disk when RLS refuses the row (crash safety)', async () => {
    const marker = randomBytes(32);
    const { error } = await B.storage
      .from(PRIV)
      .upload(`${uidA}/planted.bin`, Buffer.concat([marker, randomBytes(100_000)]), {
        contentType: 'application/octet-stream',
      });
    expect(error).toMatchObject({ statusCode: '403' });
    expect(await objectRow(PRIV, `${uidA}/planted.bin`)).toBeUndefined();
    expect(diskHas(marker)).toBe(false);
  });
});

describe('signed URLs', () => {
  const key = `${uidA}/signed/receipt.txt`;
  beforeAll(async () => {
    expect((await A.storage.from(PRIV).upload(key, 'receipt body')).error).toBeNull();
  });

  it('serves the file to anyone holding the URL, with ?download', async () => {
    const { data, error } = await A.storage.from(PRIV).createSignedUrl(key, 60, { download: 'r.txt' });
    expect(error).toBeNull();
    const res = await fetch(data!.signedUrl);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-disposition')).toContain('attachment; filename=r.txt');
    expect(await res.text()).toBe('receipt body');
  });

  it('refuses an expired token', async () => {
    const { data } = await A.storage.from(PRIV).createSignedUrl(key, 1);
    await new Promise((r) => setTimeout(r, 2100));
    const res = await fetch(data!.signedUrl);
    expect(res.status).toBe(400);
    expect(await res.json()).toMatchObject({ statusCode: '400', error: 'InvalidJWT', message: 'jwt expired' });
  });

  it('refuses a tampered token and a token for another path', async () => {
    const { data } = await A.storage.from(PRIV).createSignedUrl(key, 60);
    const url = new URL(data!.signedUrl);
    const token = url.searchParams.get('token')!;
    const [h, , s] = token.split('.');
    const forged = Buffer.from(
      JSON.stringify({ ...decodeJwt(token), url: `${PRIV}/${uidA}/private/secret.txt` }),
    ).toString('base64url');
    const tampered = await fetch(
      `${env().apiUrl}/storage/v1/object/sign/${PRIV}/${uidA}/private/secret.txt?token=${h}.${forged}.${s}`,
    );
    expect(await tampered.json()).toMatchObject({
      statusCode: '400',
      error: 'InvalidJWT',
      message: 'invalid signature',
    });
    const other = await fetch(
      `${env().apiUrl}/storage/v1/object/sign/${PRIV}/${uidA}/private/secret.txt?token=${token}`,
    );
    expect(await other.json()).toMatchObject({ statusCode: '400', error: 'InvalidSignature' });
    const none = await fetch(`${env().apiUrl}/storage/v1/object/sign/${PRIV}/${key}`);
    expect(none.status).toBe(400);
    await none.arrayBuffer();
  });

  it('signs many paths at once, with an error for the ones not found', async () => {
    const { data, error } = await A.storage.from(PRIV).createSignedUrls([key, `${uidA}/signed/missing.txt`], 60);
    expect(error).toBeNull();
    expect(data![0]).toMatchObject({ path: key, error: null });
    expect(await (await fetch(data![0].signedUrl!)).text()).toBe('receipt body');
    expect(data![1]).toMatchObject({ path: `${uidA}/signed/missing.txt`, signedUrl: null });
    expect(data![1].error).toMatch(/does not exist/);
  });
});

describe('signed upload URLs (the phone QR upload)', () => {
  it('lets a device with no session upload into the signer’s folder, owned by the signer', async () => {
    const key = `${uidA}/qr/id-card.jpg`;
    const { data, error } = await A.storage.from(PRIV).createSignedUploadUrl(key);
    expect(error).toBeNull();
    expect(data!.signedUrl).toContain(`/storage/v1/object/upload/sign/${PRIV}/${key}?token=`);
    const claims = decodeJwt(data!.token);
    expect(claims.exp! - claims.iat!).toBe(7200);

    const phone = anonClient();
    const up = await phone.storage
      .from(PRIV)
      .uploadToSignedUrl(key, data!.token, new Blob([randomBytes(500)], { type: 'image/jpeg' }));
    expect(up.error).toBeNull();
    expect(up.data).toMatchObject({ path: key, fullPath: `${PRIV}/${key}` });
    const row = await objectRow(PRIV, key);
    expect(row.owner).toBe(uidA);
    expect(row.owner_id).toBe(uidA);
    expect(row.metadata).toMatchObject({ size: 500, mimetype: 'image/jpeg' });
    expect((await A.storage.from(PRIV).download(key)).data!.size).toBe(500);

    // A bare HTTP PUT with no headers at all works too (raw body).
    const key2 = `${uidA}/qr/raw.txt`;
    const s2 = await A.storage.from(PRIV).createSignedUploadUrl(key2);
    const put = await fetch(s2.data!.signedUrl, {
      method: 'PUT',
      body: 'from phone',
      headers: { 'content-type': 'text/plain' },
    });
    expect(put.status).toBe(200);
    expect(await put.json()).toEqual({ Key: `${PRIV}/${key2}` });
    expect((await objectRow(PRIV, key2)).owner).toBe(uidA);

    // A token is good for one key only: re-using it without upsert is a duplicate.
    const again = await phone.storage.from(PRIV).uploadToSignedUrl(key2, s2.data!.token, 'again');
    expect(again.error).toMatchObject({ statusCode: '409' });
  });

  it('refuses an expired token, an altered token and a token for another path', async () => {
    const key = `${uidA}/qr/late.jpg`;
    const { data } = await A.storage.from(PRIV).createSignedUploadUrl(key);
    const phone = anonClient();

    const other = await phone.storage.from(PRIV).uploadToSignedUrl(`${uidA}/qr/other.jpg`, data!.token, 'x');
    expect(other.error).toMatchObject({ statusCode: '400', code: 'InvalidSignature' });

    const [h, p, s] = data!.token.split('.');
    const altered = `${h}.${p}.${s.slice(0, -2)}${s.endsWith('AA') ? 'BB' : 'AA'}`;
    const bad = await phone.storage.from(PRIV).uploadToSignedUrl(key, altered, 'x');
    expect(bad.error).toMatchObject({ statusCode: '400', code: 'InvalidJWT' });

    // Supabase's token shape {owner, url, upsert}, already expired.
    const now = Math.floor(Date.now() / 1000);
    const expired = await new SignJWT({ owner: uidA, url: `${PRIV}/${key}`, upsert: false })
      .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
      .setIssuedAt(now - 7300)
      .setExpirationTime(now - 100)
      .sign(new TextEncoder().encode(env().jwtSecret));
    const late = await phone.storage.from(PRIV).uploadToSignedUrl(key, expired, 'x');
    expect(late.error).toMatchObject({ statusCode: '400', code: 'InvalidJWT', message: 'jwt expired' });

    // A shorter lifetime can be asked for at signing ({expiresIn} in the body, a stand-in extra).
    const short = await fetch(`${env().apiUrl}/storage/v1/object/upload/sign/${PRIV}/${key}`, {
      method: 'POST',
      headers: { authorization: `Bearer ${tokenA}`, 'content-type': 'application/json' },
      body: JSON.stringify({ expiresIn: 1 }),
    });
    const { token } = await short.json();
    await new Promise((r) => setTimeout(r, 2100));
    expect((await phone.storage.from(PRIV).uploadToSignedUrl(key, token, 'x')).error).toMatchObject({
      message: 'jwt expired',
    });

    // A download token is not an upload token.
    expect((await A.storage.from(PRIV).upload(`${uidA}/qr/dl.txt`, 'x')).error).toBeNull();
    const dl = await A.storage.from(PRIV).createSignedUrl(`${uidA}/qr/dl.txt`, 60);
    const dlToken = new URL(dl.data!.signedUrl).searchParams.get('token')!;
    expect(
      (await phone.storage.from(PRIV).uploadToSignedUrl(`${uidA}/qr/dl.txt`, dlToken, 'y', { upsert: true })).error,
    ).not.toBeNull();

    expect(await objectRow(PRIV, key)).toBeUndefined();
  });

  it('with upsert at signing, replaces an existing file', async () => {
    const key = `${uidA}/qr/replace.txt`;
    expect((await A.storage.from(PRIV).upload(key, 'old')).error).toBeNull();
    expect((await A.storage.from(PRIV).createSignedUploadUrl(key)).error).toMatchObject({ statusCode: '409' });
    const { data } = await A.storage.from(PRIV).createSignedUploadUrl(key, { upsert: true });
    expect((await anonClient().storage.from(PRIV).uploadToSignedUrl(key, data!.token, 'new')).error).toBeNull();
    expect(await (await A.storage.from(PRIV).download(key)).data!.text()).toBe('new');
  });
});

describe('list, remove, move and copy', () => {
  it('lists folders then files one level down, with limit, offset and search', async () => {
    for (const n of ['list/a.txt', 'list/b.txt', 'list/sub/c.txt', 'list/sub/d.txt']) {
      expect((await A.storage.from(PRIV).upload(`${uidA}/${n}`, n)).error).toBeNull();
    }
    const all = await A.storage.from(PRIV).list(`${uidA}/list`);
    expect(all.error).toBeNull();
    expect(all.data!.map((o) => [o.name, o.id === null])).toEqual([
      ['sub', true],
      ['a.txt', false],
      ['b.txt', false],
    ]);
    const file = all.data!.find((o) => o.name === 'a.txt')!;
    expect(file.metadata).toMatchObject({ size: `list/a.txt`.length });
    expect(file.created_at).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
    expect((await A.storage.from(PRIV).list(`${uidA}/list`, { limit: 2 })).data!.map((o) => o.name)).toEqual([
      'sub',
      'a.txt',
    ]);
    expect((await A.storage.from(PRIV).list(`${uidA}/list`, { limit: 2, offset: 2 })).data!.map((o) => o.name)).toEqual(
      ['b.txt'],
    );
    expect((await A.storage.from(PRIV).list(`${uidA}/list`, { search: 'b' })).data!.map((o) => o.name)).toEqual([
      'b.txt',
    ]);
    expect((await A.storage.from(PRIV).list(`${uidA}/list/sub/`)).data!.map((o) => o.name)).toEqual(['c.txt', 'd.txt']);
  });

  it('removes rows and files and returns the removed objects', async () => {
    const key = `${uidA}/rm/gone.txt`;
    expect((await A.storage.from(PRIV).upload(key, 'bye')).error).toBeNull();
    const { version } = await objectRow(PRIV, key);
    expect(fs.existsSync(path.join(storageDir(), 'objects', version))).toBe(true);
    const { data, error } = await A.storage.from(PRIV).remove([key, `${uidA}/rm/never.txt`]);
    expect(error).toBeNull();
    expect(data!.map((o) => o.name)).toEqual([key]);
    expect(await objectRow(PRIV, key)).toBeUndefined();
    expect(fs.existsSync(path.join(storageDir(), 'objects', version))).toBe(false);
  });

  it('moves and copies within the caller’s rights', async () => {
    const src = `${uidA}/mv/one.txt`;
    expect((await A.storage.from(PRIV).upload(src, 'moving')).error).toBeNull();
    const mv = await A.storage.from(PRIV).move(src, `${uidA}/mv/two.txt`);
    expect(mv.error).toBeNull();
    expect(mv.data).toEqual({ message: 'Successfully moved' });
    expect((await A.storage.from(PRIV).download(src)).error).toMatchObject({ statusCode: '404' });
    expect(await (await A.storage.from(PRIV).download(`${uidA}/mv/two.txt`)).data!.text()).toBe('moving');

    const cp = await A.storage.from(PRIV).copy(`${uidA}/mv/two.txt`, `${uidA}/mv/three.txt`);
    expect(cp.error).toBeNull();
    expect(cp.data).toEqual({ path: `${PRIV}/${uidA}/mv/three.txt` });
    expect(await (await A.storage.from(PRIV).download(`${uidA}/mv/three.txt`)).data!.text()).toBe('moving');
    expect(await (await A.storage.from(PRIV).download(`${uidA}/mv/two.txt`)).data!.text()).toBe('moving');

    // Not into someone else's folder.
    const out = await A.storage.from(PRIV).move(`${uidA}/mv/two.txt`, `${uidB}/two.txt`);
    expect(out.error).toMatchObject({ statusCode: '403' });
    const outCp = await A.storage.from(PRIV).copy(`${uidA}/mv/two.txt`, `${uidB}/two.txt`);
    expect(outCp.error).toMatchObject({ statusCode: '403' });
    // Onto an existing key: duplicate.
    expect((await A.storage.from(PRIV).move(`${uidA}/mv/two.txt`, `${uidA}/mv/three.txt`)).error).toMatchObject({
      statusCode: '409',
    });
  });
});

describe('public buckets', () => {
  it('serves public-bucket objects at the public URL without auth; private buckets not', async () => {
    const svc = serviceClient();
    const up = await svc.storage.from(PUB).upload('logo.svg', new Blob(['<svg/>'], { type: 'image/svg+xml' }));
    expect(up.error).toBeNull();
    const { publicUrl } = svc.storage.from(PUB).getPublicUrl('logo.svg').data;
    const res = await fetch(publicUrl);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('image/svg+xml');
    expect(await res.text()).toBe('<svg/>');

    const priv = await fetch(A.storage.from(PRIV).getPublicUrl(`${uidA}/notes/blob.txt`).data.publicUrl);
    expect(priv.status).toBe(400);
    expect(await priv.json()).toMatchObject({ statusCode: '404', message: 'Bucket not found' });
  });
});

describe('buckets', () => {
  it('creates, reads, updates, empties and deletes a bucket with the service key', async () => {
    const svc = serviceClient();
    const id = `st-test-b-${run}`;
    expect(
      (await svc.storage.createBucket(id, { public: false, fileSizeLimit: '1MB', allowedMimeTypes: ['image/*'] })).data,
    ).toEqual({ name: id });
    expect((await svc.storage.createBucket(id, { public: false })).error).toMatchObject({ statusCode: '409' });
    const got = await svc.storage.getBucket(id);
    expect(got.data).toMatchObject({
      id,
      name: id,
      public: false,
      file_size_limit: 1_000_000,
      allowed_mime_types: ['image/*'],
    });
    expect((await svc.storage.listBuckets()).data!.map((b) => b.id)).toContain(id);
    expect((await svc.storage.updateBucket(id, { public: true, fileSizeLimit: null })).error).toBeNull();
    expect((await svc.storage.getBucket(id)).data).toMatchObject({ public: true, file_size_limit: null });

    expect((await svc.storage.from(id).upload('x.png', new Blob(['x'], { type: 'image/png' }))).error).toBeNull();
    expect((await svc.storage.deleteBucket(id)).error).toMatchObject({ statusCode: '409' });
    expect((await svc.storage.emptyBucket(id)).data).toEqual({ message: 'Successfully emptied' });
    expect((await svc.storage.deleteBucket(id)).data).toEqual({ message: 'Successfully deleted' });
    expect((await svc.storage.getBucket(id)).error).toMatchObject({ statusCode: '404', message: 'Bucket not found' });
  });

  it('applies storage.buckets RLS to users (no policy: none visible, none created)', async () => {
    expect((await A.storage.listBuckets()).data).toEqual([]);
    expect((await A.storage.createBucket(`st-test-u-${run}`)).error).toMatchObject({ statusCode: '403' });
    expect((await A.storage.from('no-such-bucket').upload(`${uidA}/x.txt`, 'x')).error).toMatchObject({
      statusCode: '404',
      message: 'Bucket not found',
    });
  });
});

describe('bad input', () => {
  const base = () => `${env().apiUrl}/storage/v1`;
  const auth = () => ({ authorization: `Bearer ${tokenA}`, apikey: env().anonKey });

  it('answers a NUL character in a list search with a 4xx, not a 500', async () => {
    const r = await fetch(`${base()}/object/list/${PRIV}`, {
      method: 'POST',
      headers: { ...auth(), 'content-type': 'application/json' },
      body: JSON.stringify({ prefix: `${uidA}/`, search: '\u0000' }),
    });
    expect(r.status).toBe(400);
    expect(await r.json()).toMatchObject({ statusCode: '400', code: 'InvalidParameter' });
  });

  it('answers Storage-shaped errors for bad JWTs, malformed JSON, traversal and unknown routes', async () => {
    const badJwt = await fetch(`${base()}/object/${PRIV}/${uidA}/notes/blob.txt`, {
      headers: { authorization: 'Bearer nope' },
    });
    expect(badJwt.status).toBe(400);
    expect(await badJwt.json()).toMatchObject({ statusCode: '403', error: 'Unauthorized', message: 'jwt malformed' });

    const expired = await fetch(`${base()}/object/${PRIV}/${uidA}/notes/blob.txt`, {
      headers: { authorization: `Bearer ${await tokenFor(uidA, -10)}` },
    });
    expect(await expired.json()).toMatchObject({ statusCode: '403', message: 'jwt expired' });

    const json = await fetch(`${base()}/object/list/${PRIV}`, {
      method: 'POST',
      headers: { ...auth(), 'content-type': 'application/json' },
      body: '{"prefix":',
    });
    expect(json.status).toBe(400);
    expect(await json.json()).toMatchObject({ statusCode: '400' });

    // fetch() would resolve a literal `..` before sending; a raw request sends it as is.
    const raw = await rawPost(`/storage/v1/object/${PRIV}/${uidA}/../../x.txt`, auth());
    expect(raw.status).toBe(400);
    expect(JSON.parse(raw.body)).toMatchObject({ statusCode: '400', code: 'InvalidKey' });
    for (const p of [`${uidA}/..%2F..%2Fetc%2Fpasswd`, `%2Fabs.txt`, `${uidA}/nul%00.txt`, `${uidA}/a%5Cb.txt`]) {
      const r = await fetch(`${base()}/object/${PRIV}/${p}`, {
        method: 'POST',
        headers: { ...auth(), 'content-type': 'text/plain' },
        body: 'x',
      });
      expect(r.status, p).toBe(400);
      expect(await r.json()).toMatchObject({ statusCode: '400', code: 'InvalidKey' });
    }
    const viaClient = await A.storage.from(PRIV).upload(`${uidA}/a/../../x.txt`, 'x');
    expect(viaClient.error).not.toBeNull();

    const nf = await fetch(`${base()}/nothing/here`, { headers: auth() });
    expect(nf.status).toBe(404);
    expect(await nf.json()).toMatchObject({ statusCode: '404' });

    const badBody = await fetch(`${base()}/object/${PRIV}`, {
      method: 'DELETE',
      headers: { ...auth(), 'content-type': 'application/json' },
      body: '{"prefixes": 5}',
    });
    expect(await badBody.json()).toMatchObject({ statusCode: '400' });
    const badSign = await fetch(`${base()}/object/sign/${PRIV}/${uidA}/notes/blob.txt`, {
      method: 'POST',
      headers: { ...auth(), 'content-type': 'application/json' },
      body: '{"expiresIn":"soon"}',
    });
    expect(await badSign.json()).toMatchObject({ statusCode: '400' });
    const badMultipart = await fetch(`${base()}/object/${PRIV}/${uidA}/m.txt`, {
      method: 'POST',
      headers: { ...auth(), 'content-type': 'multipart/form-data; boundary=zzz' },
      body: '--zzz\r\nContent-Disposition: form-data; name="cacheControl"\r\n\r\n3600\r\n--zzz--\r\n',
    });
    expect(badMultipart.status).toBe(400);
    expect(await objectRow(PRIV, `${uidA}/m.txt`)).toBeUndefined();
  });
});
