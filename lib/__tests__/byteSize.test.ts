import { describe, expect, it } from 'vitest';
import { byteSize } from '../byteSize';

describe('byteSize', () => {
  it.each([
    [0, '0 B'],
    [999, '999 B'],
    [1000, '1.0 KB'],
    [2150, '2.1 KB'],
    [15_400, '15 KB'],
    [3_400_000, '3.4 MB'],
    [1_200_000_000, '1.2 GB'],
  ])('shows %d bytes as %s', (bytes, text) => {
    expect(byteSize(bytes)).toBe(text);
  });
});
