import { describe, expect, it } from 'vitest';
import { candidateChain, chainFrom, missingParent } from './regions';
import type { Region } from './types';

const r = (code: string, name: string, level: Region['level'], parent_code: string | null): Region => ({
  code,
  name,
  level,
  parent_code,
  sort: 0,
});
const gd = r('440000', '广东省', 'province', null);
const zh = r('440400', '珠海市', 'city', '440000');
const xz = r('440402', '香洲区', 'district', '440400');

describe('regions', () => {
  it('guesses the ancestors from the code structure', () => {
    expect(candidateChain('440402')).toEqual(['440000', '440400', '440402']);
    expect(candidateChain('440400')).toEqual(['440000', '440400']);
    expect(candidateChain('440000')).toEqual(['440000']);
  });

  it('builds province → city → district by parent_code', () => {
    expect(chainFrom([xz, gd, zh], '440402')?.map((x) => x.name)).toEqual(['广东省', '珠海市', '香洲区']);
    expect(chainFrom([gd], '440000')?.map((x) => x.name)).toEqual(['广东省']);
  });

  it('reports a missing link', () => {
    expect(chainFrom([xz, gd], '440402')).toBeNull();
    expect(missingParent([xz, gd], '440402')).toBe('440400');
    expect(missingParent([], '440402')).toBe('440402');
    expect(missingParent([gd, zh, xz], '440402')).toBeNull();
  });

  it('refuses a parent loop', () => {
    const a = r('110000', 'A', 'city', '120000');
    const b = r('120000', 'B', 'city', '110000');
    expect(chainFrom([a, b], '110000')).toBeNull();
  });
});
