import { loadContent } from '../../src/content/load';
import { DEMO_MOMENT, demoMomentLabel, programmeEnd } from '../../src/local/demo';

it('offers a moment inside the programme, on a weekday morning', () => {
  const content = loadContent();
  const at = Date.parse(DEMO_MOMENT);
  expect(at).toBeGreaterThanOrEqual(Date.parse(`${content.programme.phase2Start}T00:00:00+09:00`));
  expect(at).toBeLessThan(programmeEnd(content));
  expect(demoMomentLabel()).toBe('2023/04/12(水) 10:00');
  expect(programmeEnd(content)).toBe(Date.parse(`${content.programme.pointDeadline}T24:00:00+09:00`));
});
