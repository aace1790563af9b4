// Every refusal code the migrations can raise has its Chinese text in $lib/refusals, and no text is left for a code
// that is gone. The codes are read from supabase/migrations/*.sql: private.fail('<sqlstate>', '<code>', …), plain
// `raise exception using … message = '<code>'`, and private.check_day's `<arg>_invalid` (its one computed code).
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { REFUSAL, refusalCode, refusalText } from './refusals';

const DIR = path.resolve(import.meta.dirname, '../../supabase/migrations');

/** The codes raised by the given SQL; throws on a private.fail whose code is computed in a way not known here. */
export function raisedCodes(sql: string): Set<string> {
  const code = sql.replace(/--[^\n]*/g, '');
  const out = new Set<string>();
  for (const m of code.matchAll(/private\.fail\(\s*'[^']*'\s*,\s*([^,)]+)/gi)) {
    const arg = m[1].trim();
    const literal = /^'([a-z_]+)'$/.exec(arg);
    if (literal) out.add(literal[1]);
    else if (/^arg\s*\|\|\s*'_invalid'$/.test(arg))
      continue; // check_day: the calls below
    else throw new Error(`private.fail with a code computed as ${arg}: teach raisedCodes about it`);
  }
  for (const m of code.matchAll(/raise\s+exception\s+using\s+[^;]*?\bmessage\s*=\s*'([a-z_]+)'/gi)) out.add(m[1]);
  for (const m of code.matchAll(/private\.check_day\(\s*[^,()]+(?:\(\))?\s*(?:,\s*'([a-z_]+)')?\s*\)/gi))
    out.add(`${m[1] ?? 'day'}_invalid`);
  return out;
}

const migrations = () =>
  fs
    .readdirSync(DIR)
    .filter((f) => f.endsWith('.sql'))
    .map((f) => fs.readFileSync(path.join(DIR, f), 'utf8'))
    .join('\n');

describe('refusal texts', () => {
  it('every code the migrations raise has a text, and every text a code', () => {
    const raised = raisedCodes(migrations());
    expect(raised.size).toBeGreaterThan(50);
    expect([...raised].filter((c) => !(c in REFUSAL)).sort()).toEqual([]);
    expect(
      Object.keys(REFUSAL)
        .filter((c) => !raised.has(c))
        .sort(),
    ).toEqual([]);
  });

  it('the parser sees literal codes, raise exception, check_day and refuses an unknown computed code', () => {
    const sql = `perform private.fail('P0001', 'wrong_state', 'x');
      -- perform private.fail('P0001', 'commented_out');
      raise exception using errcode = '22023', message = 'n_invalid', detail = 'd';
      perform private.check_day(is_working_day.day); perform private.check_day(first_day, 'from');`;
    expect([...raisedCodes(sql)].sort()).toEqual(['day_invalid', 'from_invalid', 'n_invalid', 'wrong_state']);
    expect(() => raisedCodes(`perform private.fail('22023', prefix || '_bad')`)).toThrow(/computed/);
  });

  it('turns a PostgrestError into its text, lists the missing items and falls back for anything else', () => {
    expect(refusalText({ message: 'slot_full', details: '该时间段已约满', code: 'P0001' })).toBe(
      '该时间段已约满，请选择其他时间段',
    );
    expect(
      refusalText({
        message: 'required_missing',
        details: '必填项未提交: A02095 代开增值税发票缴款申报单、纳税人（缴费人）身份证件',
      }),
    ).toBe('必填项未提交：A02095 代开增值税发票缴款申报单、纳税人（缴费人）身份证件');
    expect(refusalText({ message: 'required_missing' })).toBe('有必填项未提交');
    expect(refusalText({ message: 'permission denied for table forms', code: '42501' }, '保存失败')).toBe('保存失败');
    expect(refusalText({ message: 'toString' })).toBe('操作失败，请稍后再试');
    expect(refusalText(null)).toBe('操作失败，请稍后再试');
    expect(refusalCode({ message: ' hall_required ' })).toBe('hall_required');
    expect(refusalCode({ message: 'nope' })).toBeNull();
  });
});
