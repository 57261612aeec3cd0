import { lineFor } from '../../flows/lib/lines';

describe('the phone line a reply names', () => {
  it('gives the multilingual line to English, whatever the question', () => {
    expect(lineFor('en', 'city')).toBe('multilingual');
    expect(lineFor('en', 'hotline')).toBe('multilingual');
    expect(lineFor('ja', 'multilingual')).toBe('multilingual');
  });

  it("gives the city's line for its own services and the hotline otherwise", () => {
    expect(lineFor('ja', 'city')).toBe('city');
    expect(lineFor('ja', 'hotline')).toBe('hotline');
    expect(lineFor('ja', null)).toBe('hotline');
    expect(lineFor('ja', undefined)).toBe('hotline');
  });
});
