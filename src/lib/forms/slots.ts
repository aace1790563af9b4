// The upload slots of a form (SPEC T3.2): one per form or material the node requires, in the order the letter
// prints them (forms first), each 已提交 once it holds a file, 未提交 otherwise, and 必填 or 选填.
import type { AttachmentRow, RequirementRow } from './load';

export type SlotStatus = 'submitted' | 'empty';

export const SLOT_STATUS_LABEL: Record<SlotStatus, string> = { submitted: '已提交', empty: '未提交' };
export const requiredLabel = (required: boolean) => (required ? '必填' : '选填');

export interface Slot {
  id: string;
  kind: RequirementRow['kind'];
  /** A02095, or null for materials. */
  code: string | null;
  /** 《代开增值税发票缴款申报单》 for forms, the material's name otherwise. */
  title: string;
  /** code + title as one accessible name: A02095《代开增值税发票缴款申报单》. */
  label: string;
  required: boolean;
  note: string | null;
  status: SlotStatus;
  files: AttachmentRow[];
}

export function slotTitle(r: Pick<RequirementRow, 'form' | 'material'>): {
  code: string | null;
  title: string;
  label: string;
} {
  if (r.form) return { code: r.form.code, title: `《${r.form.name}》`, label: `${r.form.code}《${r.form.name}》` };
  const name = r.material?.name ?? '';
  return { code: null, title: name, label: name };
}

/** Slots from the node's requirements and the form's attachments; files newest last. */
export function deriveSlots(requirements: RequirementRow[], attachments: AttachmentRow[]): Slot[] {
  const byReq = new Map<string, AttachmentRow[]>();
  for (const a of [...attachments].sort((x, y) => x.created_at.localeCompare(y.created_at))) {
    const list = byReq.get(a.requirement_id) ?? [];
    list.push(a);
    byReq.set(a.requirement_id, list);
  }
  return [...requirements]
    .sort((a, b) => (a.kind === b.kind ? a.sort - b.sort : a.kind === 'form' ? -1 : 1))
    .map((r) => {
      const files = byReq.get(r.id) ?? [];
      return {
        id: r.id,
        kind: r.kind,
        ...slotTitle(r),
        required: r.required,
        note: r.note,
        status: files.length ? 'submitted' : 'empty',
        files,
      } satisfies Slot;
    });
}

/** Required slots still empty: what blocks 提交. */
export const missingRequired = (slots: Slot[]) => slots.filter((s) => s.required && s.status === 'empty');

/** 必填项未提交：A02095《…》、纳税人（缴费人）身份证件 */
export const missingMessage = (missing: Pick<Slot, 'label'>[]) =>
  `必填项未提交：${missing.map((s) => s.label).join('、')}`;

/** 12.3 KB / 1.5 MB */
export function formatSize(bytes: number | null | undefined): string {
  if (bytes == null || !Number.isFinite(bytes)) return '';
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KB`;
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}

/** How a file can be previewed: images inline, PDFs in a frame, the rest as a link. */
export function previewKind(mime: string | null | undefined): 'image' | 'pdf' | 'other' {
  if (mime === 'image/png' || mime === 'image/jpeg') return 'image';
  if (mime === 'application/pdf') return 'pdf';
  return 'other';
}
