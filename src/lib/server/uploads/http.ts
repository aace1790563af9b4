// JSON plumbing shared by the /api/uploads endpoints: parse the body with a zod schema, answer refusals as
// `{ message }` with their 4xx status, and never leak an internal error's text.
import { json, type RequestEvent } from '@sveltejs/kit';
import type { z } from 'zod';
import { UploadRefused } from './objects';

export async function parseBody<S extends z.ZodType>(request: Request, schema: S): Promise<z.output<S>> {
  let body: unknown;
  try {
    body = await request.json();
  } catch {
    throw new UploadRefused('请求格式错误');
  }
  const parsed = schema.safeParse(body);
  if (!parsed.success) throw new UploadRefused(parsed.error.issues[0]?.message || '请求参数无效');
  return parsed.data;
}

/** Runs an endpoint body; UploadRefused becomes its status and message, anything else a logged 500. */
export async function answer(event: RequestEvent, fn: () => Promise<unknown>): Promise<Response> {
  try {
    return json(await fn(), { headers: { 'cache-control': 'no-store' } });
  } catch (e) {
    if (e instanceof UploadRefused)
      return json({ message: e.message }, { status: e.status, headers: { 'cache-control': 'no-store' } });
    console.error(`[uploads] ${event.url.pathname}:`, e);
    return json({ message: '上传服务暂时不可用，请稍后再试' }, { status: 500 });
  }
}
