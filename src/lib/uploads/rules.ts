// What a taxpayer may upload as a form or material (SPEC T3.5): PDF, JPEG, PNG, OFD, Word, Excel — judged by the
// file's real content, not its name. Shared by the browser (early, friendly refusal) and the server (the check
// that counts). The database buckets carry the same size limit and MIME list.
export const MAX_UPLOAD_BYTES = 20 * 1024 * 1024;

export type UploadKind = 'pdf' | 'jpg' | 'png' | 'ofd' | 'doc' | 'docx' | 'xls' | 'xlsx';

export const KIND_MIME: Record<UploadKind, string> = {
  pdf: 'application/pdf',
  jpg: 'image/jpeg',
  png: 'image/png',
  ofd: 'application/ofd',
  doc: 'application/msword',
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  xls: 'application/vnd.ms-excel',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
};

/** For the file picker's accept attribute. */
export const ACCEPT = '.pdf,.jpg,.jpeg,.png,.ofd,.doc,.docx,.xls,.xlsx,' + Object.values(KIND_MIME).join(',');

export const ALLOWED_LABEL = 'PDF、JPG、PNG、OFD、Word、Excel';

export const isImage = (k: UploadKind) => k === 'jpg' || k === 'png';
