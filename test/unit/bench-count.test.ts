import { describe, expect, it } from 'vitest';
import { itemSize, summarise } from '../../bench/desk/count.js';

describe('the desk benchmark\'s request counter', () => {
  it('sizes items by DynamoDB\'s rules: names and UTF-8 values, numbers by digit pairs, 3 + 1 per element for lists and maps', () => {
    expect(itemSize({ PK: { S: 'a' } })).toBe(3);
    expect(itemSize({ t: { S: '中文' } })).toBe(1 + 6);
    expect(itemSize({ n: { N: '12345' } })).toBe(1 + 4);
    expect(itemSize({ n: { N: '0.5' } })).toBe(1 + 2);
    expect(itemSize({ b: { BOOL: true }, z: { NULL: true } })).toBe(2 + 2);
    expect(itemSize({ l: { L: [{ S: 'ab' }, { N: '1' }] } })).toBe(1 + 3 + (1 + 2) + (1 + 2));
    expect(itemSize({ m: { M: { k: { S: 'v' } } } })).toBe(1 + 3 + (1 + 1 + 1));
  });

  it('counts write requests, distinct items and capacity apart from reads', () => {
    const s = summarise([
      { command: 'PutItemCommand', capacity: 2, itemsWritten: 1, largestItem: 10, keys: ['A META'], attempts: 1 },
      { command: 'BatchWriteItemCommand', capacity: 5, itemsWritten: 2, largestItem: 30, keys: ['A BODY#000', 'A CLAIM#00001'], attempts: 1 },
      { command: 'UpdateItemCommand', capacity: 1, itemsWritten: 1, largestItem: 4, keys: ['A META'], attempts: 1 },
      { command: 'GetItemCommand', capacity: 0.5, itemsWritten: 0, largestItem: 0, keys: [], attempts: 1 },
    ]);
    expect(s).toMatchObject({ requests: 4, writeRequests: 3, itemsWritten: 4, distinctItems: 3, writeCapacity: 8, readCapacity: 0.5, largestItem: 30 });
    expect(s.byCommand).toEqual({ PutItem: 1, BatchWriteItem: 1, UpdateItem: 1, GetItem: 1 });
  });
});
