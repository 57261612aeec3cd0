import { hashUserId, redactForReport, redactSensitive } from '../../src/privacy';

describe('redaction', () => {
  it.each(['123456789018', '1234 5678 9018', '1234-5678-9018', '１２３４５６７８９０１８'])(
    'removes a My Number written as %s',
    (n) => {
      const r = redactSensitive(`私の番号は${n}です`);
      expect(r.hadMyNumber).toBe(true);
      expect(r.text).not.toMatch(/\d{4}/);
    },
  );

  it('removes a PIN stated next to a PIN word, either way round', () => {
    expect(redactSensitive('暗証番号は1234です')).toMatchObject({
      hadPin: true,
      text: expect.not.stringMatching(/1234/),
    });
    expect(redactSensitive('5678がパスワードです')).toMatchObject({
      hadPin: true,
      text: expect.not.stringMatching(/5678/),
    });
  });

  it('keeps ordinary numbers', () => {
    expect(redactSensitive('4月12日の10時に行きます')).toEqual({
      text: '4月12日の10時に行きます',
      hadMyNumber: false,
      hadPin: false,
    });
  });

  it('removes phone numbers and names for staff reports', () => {
    expect(redactForReport('山田と申します。電話は090-1234-5678です')).not.toMatch(/山田|5678/);
  });

  it('pseudonymises user ids stably', () => {
    expect(hashUserId('U1')).toBe(hashUserId('U1'));
    expect(hashUserId('U1')).not.toContain('U1');
  });
});
