import { expect } from '@open-wc/testing';
import { parseAllowedOrigins } from '../../src/core/origins.js';

describe('allowed origins', () => {
  const cases: [string | undefined, string, boolean][] = [
    [undefined, 'https://app.hubspot.com', true],
    [undefined, 'https://app-eu1.hubspot.com', true],
    [undefined, 'https://app-na2.hubspot.com', true],
    [undefined, 'http://app.hubspot.com', false],
    [undefined, 'https://app.hubspot.com.evil.com', false],
    [undefined, 'https://evil-app.hubspot.com', false],
    [undefined, 'https://app-.hubspot.com', false],
    [undefined, 'https://app-x.y.hubspot.com', false],
    [undefined, 'https://apphubspot.com', false],
    [undefined, 'null', false],
    ['https://*.example.com', 'https://a.example.com', true],
    ['https://*.example.com', 'https://example.com', false],
    ['https://*.example.com', 'https://a.b.example.com', false],
    ['http://127.0.0.1:8000', 'http://127.0.0.1:8000', true],
    ['http://127.0.0.1:8000', 'http://127.0.0.1:8001', false],
    ['https://a.com/', 'https://a.com', true],
    ['https://A.com', 'https://a.com', true],
    ['https://a.com https://b.com', 'https://b.com', true],
    ['https://a.*.com', 'https://a.b.com', false],
    ['*', 'https://anything.example', true],
    ['*', 'null', false],
    ['', 'https://app.hubspot.com', false],
  ];
  for (const [value, origin, allowed] of cases) {
    it(`${JSON.stringify(value ?? 'default')} ${allowed ? 'allows' : 'refuses'} ${origin}`, () => {
      expect(parseAllowedOrigins(value).allows(origin)).to.equal(allowed);
    });
  }

  it('ignores entries that are not origins and keeps the rest', () => {
    const policy = parseAllowedOrigins('ftp://x.com https://a.*.com app.hubspot.com https://ok.com');
    for (const origin of ['ftp://x.com', 'https://a.b.com', 'https://app.hubspot.com', 'app.hubspot.com']) expect(policy.allows(origin)).to.equal(false);
    expect(policy.allows('https://ok.com')).to.equal(true);
    expect(policy.allowsAll).to.equal(false);
  });

  it('flags the allow-all value', () => {
    expect(parseAllowedOrigins('*').allowsAll).to.equal(true);
  });

  it('refuses non-strings', () => {
    expect(parseAllowedOrigins('*').allows(undefined)).to.equal(false);
    expect(parseAllowedOrigins('*').allows({ toString: () => 'https://app.hubspot.com' })).to.equal(false);
  });
});
