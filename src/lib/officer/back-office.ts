// 后台帮办 (O4) shared by the task list and the task page: the schemas of their posts, the result note's limit
// and the object name of a result document. The database decides every right (take_back_office,
// take_next_back_office, complete_case, record_result_document, remove_result_document); this only shapes what the
// pages show and post.
import { z } from 'zod';

export { takeNextSchema, takeSchema } from './review';

/** complete_case accepts a result note of at most this many characters. */
export const RESULT_NOTE_MAX = 1000;

export const completeSchema = z
  .object({
    outcome: z.enum(['success', 'failure'], { error: '请选择办理结果' }),
    note: z.string().trim().max(RESULT_NOTE_MAX, `结果说明不能超过${RESULT_NOTE_MAX}字`).default(''),
  })
  .refine((v) => v.outcome === 'success' || v.note.length > 0, {
    message: '办理不成功时请填写结果说明',
    path: ['note'],
  });

export const removeDocumentSchema = z.object({ documentId: z.uuid('文件无效，请刷新页面后重试') });

export const OUTCOME_LABEL = { success: '办理成功', failure: '办理不成功' } as const;

/** The bucket of result documents: results/<case_id>/<uuid>.<ext>. */
export const RESULTS_BUCKET = 'results';

/** The extension kept in an object name: a short lowercase [a-z0-9] suffix of the given name, or none. */
export function resultObjectPath(caseId: string, fileName: string, id: string): string {
  const m = /\.([A-Za-z0-9]{1,5})$/.exec(fileName);
  return `${caseId.toLowerCase()}/${id}${m ? `.${m[1].toLowerCase()}` : ''}`;
}

/** An object name the browser may claim for a case: its folder, one level, a uuid and an optional extension. */
export const isResultPath = (path: string, caseId: string) =>
  new RegExp(
    `^${caseId.toLowerCase()}/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}(\\.[a-z0-9]{1,5})?$`,
  ).test(path);
