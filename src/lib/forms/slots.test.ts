import { describe, expect, it } from 'vitest';
import type { AttachmentRow, RequirementRow } from './load';
import { deriveSlots, formatSize, missingMessage, missingRequired, previewKind } from './slots';

const reqs: RequirementRow[] = [
  {
    id: 'm2',
    kind: 'material',
    required: false,
    note: '付款方对款项真实性有异议时提供',
    sort: 3,
    form: null,
    material: { name: '书面合同或协议', description: null },
  },
  {
    id: 'm1',
    kind: 'material',
    required: true,
    note: null,
    sort: 2,
    form: null,
    material: { name: '纳税人（缴费人）身份证件', description: null },
  },
  {
    id: 'f1',
    kind: 'form',
    required: true,
    note: null,
    sort: 1,
    form: { code: 'A02095', name: '代开增值税发票缴款申报单' },
    material: null,
  },
];
const att = (id: string, requirement_id: string, created_at: string): AttachmentRow => ({
  id,
  requirement_id,
  object_path: `x/${requirement_id}/${id}.pdf`,
  file_name: `${id}.pdf`,
  mime_type: 'application/pdf',
  size_bytes: 1000,
  created_at,
});

describe('slots', () => {
  it('one slot per requirement, forms first, in sort order, with code and title as the guide shows them', () => {
    const slots = deriveSlots(reqs, []);
    expect(slots.map((s) => s.id)).toEqual(['f1', 'm1', 'm2']);
    expect(slots[0]).toMatchObject({
      code: 'A02095',
      title: '《代开增值税发票缴款申报单》',
      label: 'A02095《代开增值税发票缴款申报单》',
      required: true,
    });
    expect(slots[1]).toMatchObject({
      code: null,
      title: '纳税人（缴费人）身份证件',
      label: '纳税人（缴费人）身份证件',
    });
  });

  it('a slot is 已提交 once it holds a file; files oldest first', () => {
    const slots = deriveSlots(reqs, [att('b', 'f1', '2026-11-22T10:00:02Z'), att('a', 'f1', '2026-11-22T10:00:01Z')]);
    expect(slots.map((s) => s.status)).toEqual(['submitted', 'empty', 'empty']);
    expect(slots[0].files.map((f) => f.id)).toEqual(['a', 'b']);
  });

  it('only empty required slots block submitting, listed by name', () => {
    const none = deriveSlots(reqs, []);
    expect(missingRequired(none).map((s) => s.id)).toEqual(['f1', 'm1']);
    expect(missingMessage(missingRequired(none))).toBe(
      '必填项未提交：A02095《代开增值税发票缴款申报单》、纳税人（缴费人）身份证件',
    );
    const some = deriveSlots(reqs, [att('a', 'f1', '2026-11-22T10:00:00Z')]);
    expect(missingRequired(some).map((s) => s.id)).toEqual(['m1']);
    const all = deriveSlots(reqs, [att('a', 'f1', '2026-11-22T10:00:00Z'), att('b', 'm1', '2026-11-22T10:00:00Z')]);
    expect(missingRequired(all)).toEqual([]);
  });

  it('ignores files of requirements the node no longer has', () => {
    const slots = deriveSlots(reqs, [att('z', 'gone', '2026-11-22T10:00:00Z')]);
    expect(slots.every((s) => s.files.length === 0)).toBe(true);
  });

  it('sizes and preview kinds', () => {
    expect(formatSize(512)).toBe('512 B');
    expect(formatSize(1536)).toBe('1.5 KB');
    expect(formatSize(3 * 1024 * 1024)).toBe('3.0 MB');
    expect(formatSize(null)).toBe('');
    expect(previewKind('image/png')).toBe('image');
    expect(previewKind('image/jpeg')).toBe('image');
    expect(previewKind('application/pdf')).toBe('pdf');
    expect(previewKind('application/ofd')).toBe('other');
  });
});
