import { describe, expect, it } from 'vitest';
import { positionOf, readBoard } from './hall-board';

describe('hall board', () => {
  const board = readBoard({ waiting: ['A001', 'B002', 7, 'B003'], calling: ['A000'] }, 'h1');

  it('reads the waiting ticket numbers in order, skipping what is not a number string', () => {
    expect(board.waiting).toEqual(['A001', 'B002', 'B003']);
    expect(board.count).toBe(3);
    expect(board.hall_id).toBe('h1');
    expect(board.estimate).toBeNull();
  });

  it('places a ticket in the queue (1 = next), 0 when it is not waiting', () => {
    expect(positionOf(board, 'A001')).toBe(1);
    expect(positionOf(board, 'B003')).toBe(3);
    expect(positionOf(board, 'A000')).toBe(0);
  });
});
