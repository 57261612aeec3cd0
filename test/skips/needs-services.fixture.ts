// Run only by test/unit/skipped-tests.test.ts, in a jest of its own: a file with a test that cannot run.
import { postgresUnavailable } from '../helpers/database';
import { describeUnless } from '../helpers/skips';

describeUnless(null)('a block that can run', () => {
  it('passes', () => expect(1 + 1).toBe(2));
});

describeUnless(postgresUnavailable())('a block that needs PostgreSQL', () => {
  it('would use it', () => {
    throw new Error('ran although PostgreSQL is unreachable');
  });
});
