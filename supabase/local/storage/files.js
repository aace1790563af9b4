// @ts-check
// Object bytes on local disk. Every stored version is one file named by a server-made UUID
// (`<storageDir>/objects/<version>`), so nothing a caller sends ever becomes part of a disk path. Uploads are
// written under `<storageDir>/tmp/` first and renamed into place (same file system, atomic) only inside the
// transaction that writes the row; a start-up sweep removes temp files and files no row points to, which is what
// a crash between rename and commit can leave.
import fs from 'node:fs';
import fsp from 'node:fs/promises';
import path from 'node:path';
import { randomUUID } from 'node:crypto';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/** @param {string} storageDir */
export function createFiles(storageDir) {
  const objectsDir = path.join(storageDir, 'objects');
  const tmpDir = path.join(storageDir, 'tmp');
  fs.mkdirSync(objectsDir, { recursive: true });
  fs.mkdirSync(tmpDir, { recursive: true });

  /** @param {unknown} version */
  const pathOf = (version) => {
    if (typeof version !== 'string' || !UUID.test(version)) return null;
    return path.join(objectsDir, version);
  };

  return {
    objectsDir,
    tmpDir,
    newVersion: () => randomUUID(),
    newTempPath: () => path.join(tmpDir, randomUUID()),
    /** The file of a stored version, or null for a version this module did not write. @param {unknown} version */
    pathOf,
    /** Moves a finished temp file into place as `version`. @param {string} tmp @param {string} version */
    async place(tmp, version) {
      const dest = pathOf(version);
      if (!dest) throw new Error(`bad version ${version}`);
      await fsp.rename(tmp, dest);
    },
    /** Removes a file quietly (already gone is fine). @param {string | null | undefined} file */
    async discard(file) {
      if (file) await fsp.rm(file, { force: true }).catch(() => {});
    },
    /** @param {unknown} version */
    async discardVersion(version) {
      const p = pathOf(version);
      if (p) await fsp.rm(p, { force: true }).catch(() => {});
    },
    /** Copies a stored version to a new temp file (for copy). @param {unknown} version */
    async copyToTemp(version) {
      const src = pathOf(version);
      if (!src) return null;
      const tmp = path.join(tmpDir, randomUUID());
      try {
        await fsp.copyFile(src, tmp);
        return tmp;
      } catch {
        await fsp.rm(tmp, { force: true }).catch(() => {});
        return null;
      }
    },
    /** @param {unknown} version */
    async stat(version) {
      const p = pathOf(version);
      if (!p) return null;
      return fsp.stat(p).catch(() => null);
    },
    /**
     * Start-up clean-up (before the server listens, so no upload is in flight): temp files, and object files that
     * no storage.objects row references.
     * @param {import('pg').Pool} pool
     */
    async sweep(pool) {
      for (const f of await fsp.readdir(tmpDir).catch(() => []))
        await fsp.rm(path.join(tmpDir, f), { force: true, recursive: true });
      const names = (await fsp.readdir(objectsDir).catch(() => [])).filter((f) => UUID.test(f));
      if (names.length === 0) return;
      const { rows } = await pool.query('select version from storage.objects where version = any($1::text[])', [names]);
      const used = new Set(rows.map((r) => r.version));
      for (const f of names) if (!used.has(f)) await fsp.rm(path.join(objectsDir, f), { force: true });
    },
  };
}
/** @typedef {ReturnType<typeof createFiles>} Files */
