import { Writable } from 'node:stream';
import pino from 'pino';
import { describe, expect, it } from 'vitest';
import type { Config } from '../config.js';
import { loggerOptions, redactUrl } from './logging.js';

/** The platform's logger options on a pino writing into a string. */
function capture() {
  let out = '';
  const sink = new Writable({
    write(chunk, _enc, done) {
      out += chunk.toString();
      done();
    },
  });
  const options = loggerOptions({ logLevel: 'info' } as Config) as pino.LoggerOptions;
  return { log: pino(options, sink), text: () => out };
}

describe('log redaction', () => {
  it('censors personal fields and the free text citizens type (a form, a note, 意见反馈 content)', () => {
    const { log, text } = capture();
    log.info(
      {
        body: {
          form: { question: '请回电13912345678' },
          note: '身份证440106199001011234',
          content: '电话 139 1234 5678',
          phone: '13912345678',
        },
      },
      'something',
    );
    const line = text();
    expect(line).toContain('[redacted]');
    expect(line).not.toContain('1391234');
    expect(line).not.toContain('139 1234 5678');
    expect(line).not.toContain('440106199001011234');
  });

  it('masks long digit runs in URLs', () => {
    expect(redactUrl('/api/v1/x?phone=13912345678')).toBe('/api/v1/x?phone=139***78');
    // a part of an ID number is no less personal: 个税缴纳清单查验's last 6
    expect(redactUrl('/api/v1/lookups/tax-lists?number=344011907310000188&idNumberTail=12031X')).toBe(
      '/api/v1/lookups/tax-lists?number=344***88&idNumberTail=***',
    );
  });
});
