// The `[id=uuid]` matcher: only a uuid (any case) matches, so any other id is the ordinary 404 page.
import { describe, expect, it } from 'vitest';
import { match } from './uuid';

describe('uuid param matcher', () => {
  it('matches a uuid, in either case', () => {
    expect(match('0f8fad5b-d9cb-469f-a165-70867728950e')).toBe(true);
    expect(match('0F8FAD5B-D9CB-469F-A165-70867728950E')).toBe(true);
  });

  it('does not match anything else', () => {
    for (const id of [
      '',
      'abc',
      '1',
      '0f8fad5b-d9cb-469f-a165-70867728950',
      '0f8fad5b-d9cb-469f-a165-70867728950e0',
      '0f8fad5bd9cb469fa16570867728950e',
      ' 0f8fad5b-d9cb-469f-a165-70867728950e',
      '0f8fad5b-d9cb-469f-a165-70867728950g',
    ]) {
      expect(match(id), id).toBe(false);
    }
  });
});
