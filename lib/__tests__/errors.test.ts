import { describe, expect, it } from 'vitest';
import { isAbort, LeanKitError, toErrorInfo } from '../errors';

describe('toErrorInfo', () => {
  it('keeps the kind and message of our own errors', () => {
    expect(toErrorInfo(new LeanKitError('disk', 'Disk full.'))).toEqual({
      kind: 'disk',
      message: 'Disk full.',
    });
  });

  it.each([
    ['a DOMException', new DOMException('stop', 'AbortError')],
    ['an Error named AbortError', Object.assign(new Error('stop'), { name: 'AbortError' })],
  ])('turns an abort (%s) into a cancellation', (_name, cause) => {
    expect(toErrorInfo(cause)).toEqual({ kind: 'aborted', message: 'Cancelled.' });
  });

  it('wraps a thrown non-error as text', () => {
    expect(toErrorInfo('disk on fire')).toEqual({
      kind: 'server',
      message: 'Something went wrong: disk on fire',
    });
  });

  it('wraps anything else without losing what happened', () => {
    expect(toErrorInfo(new Error('boom'))).toEqual({
      kind: 'server',
      message: 'Something went wrong: boom',
    });
  });
});

describe('isAbort', () => {
  it.each([
    [new DOMException('stop', 'AbortError'), true],
    [new DOMException('slow', 'TimeoutError'), false],
    [{ name: 'AbortError' }, false],
    ['AbortError', false],
  ])('%o → %s', (cause, expected) => {
    expect(isAbort(cause)).toBe(expected);
  });
});
