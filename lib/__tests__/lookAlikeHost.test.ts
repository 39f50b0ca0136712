import { describe, expect, it } from 'vitest';
import {
  decodePunycode,
  displayHost,
  hasNonLatinLetters,
  looksLikeLeanKit,
} from '../lookAlikeHost';

describe('decodePunycode', () => {
  it.each([
    ['mnchen-3ya', 'münchen'],
    ['bcher-kva', 'bücher'],
    ['r8jz45g', '例え'],
    ['zckzah', 'テスト'],
    ['lankit-3of', 'lеankit'],
    ['lenkt-5ve2y', 'leаnkіt'],
    ['abc-', 'abc'],
  ])('decodes %j as %j', (encoded, decoded) => {
    expect(decodePunycode(encoded)).toBe(decoded);
  });

  it.each(['ab!', 'mnchen-3y', 'zzzzzzzzzzzz'])('turns away %j', (encoded) => {
    expect(decodePunycode(encoded)).toBeUndefined();
  });
});

describe('looksLikeLeanKit', () => {
  it.each([
    ['acme.leankit.co', true],
    ['acme-leankit.com', true],
    ['acme.leankit.com.evil.com', true],
    ['acme.xn--lankit-3of.com', true],
    ['acme.xn--lenkt-5ve2y.com', true],
    ['acme.lean-kit.com', true],
    ['acme.1eank1t.com', true],
    ['boards.example.com', false],
    ['xn--mnchen-3ya.example', false],
    ['leank.example.com', false],
    ['lean.kit.example', false],
  ])('%s → %s', (host, expected) => {
    expect(looksLikeLeanKit(host)).toBe(expected);
  });
});

describe('how a look-alike is shown', () => {
  it('decodes punycode labels for the reader and says when there are any', () => {
    expect(displayHost('acme.xn--lankit-3of.com')).toBe('acme.lеankit.com');
    expect(hasNonLatinLetters('acme.xn--lankit-3of.com')).toBe(true);
    expect(hasNonLatinLetters('acme.leankit.co')).toBe(false);
  });
});
