import fs from 'node:fs';
import path from 'node:path';
import { createActor, initialTransition, transition, type AnyMachineSnapshot } from 'xstate';
import { FLOWS, type FlowInput } from '../../flows';
import { loadContent } from '../../src/content/load';
import { FlowStepper } from '../../src/engine/stepper';
import { answerEvents } from '../helpers/flows';

const content = loadContent();
const NOW = '2023-04-12T01:00:00.000Z';
const EVENTS = answerEvents(NOW);

const observable = (snapshot: AnyMachineSnapshot) => ({
  value: snapshot.value,
  status: snapshot.status,
  context: snapshot.context,
});

let comparedTransitions = 0;
afterAll(() => expect(comparedTransitions).toBeGreaterThan(100));

/** What an action means to the engine; its args also name the (throw-away) actor, which differs by design. */
const meaning = (actions: { type: string; params?: unknown }[]) =>
  actions.map(({ type, params }) => ({ type, params }));

/** FlowStepper must be a faster path to exactly what xstate's own pure helpers return. */
describe.each(FLOWS.map((f) => [f.id, f] as const))('FlowStepper on flow %s', (_id, flow) => {
  const machine = flow.create(content);
  const stepper = new FlowStepper(machine);
  const inputs: FlowInput[] = flow.purposes.flatMap((purpose) =>
    (['ja', 'en'] as const).map((lang) => ({ purpose, lang, now: NOW })),
  );

  it.each(inputs.map((i) => [`${i.purpose}/${i.lang}`, i] as const))(
    'starts like initialTransition and answers every event like transition (%s)',
    (_name, input) => {
      const [expected, expectedActions] = initialTransition(machine, input);
      const [actual, actualActions] = stepper.initial(input);
      expect(observable(actual)).toEqual(observable(expected));
      expect(meaning(actualActions)).toEqual(meaning(expectedActions));
      expect(actualActions.length).toBeGreaterThan(0);
      // Every sequence of up to four answers, compared step by step.
      const walk = (theirs: AnyMachineSnapshot, ours: AnyMachineSnapshot, depth: number) => {
        if (depth === 0) return;
        for (const event of EVENTS) {
          if (!theirs.can(event)) continue;
          const [next, nextActions] = transition(machine, theirs, event);
          const [mine, myActions] = stepper.next(ours, event);
          comparedTransitions++;
          expect(observable(mine)).toEqual(observable(next));
          expect(meaning(myActions)).toEqual(meaning(nextActions));
          walk(next, mine, depth - 1);
        }
      };
      walk(expected, actual, 4);
    },
  );

  it('restores a persisted snapshot like createActor does, and refuses one that does not fit', () => {
    const [started] = stepper.initial(inputs[0]!);
    const persisted = machine.getPersistedSnapshot(started);
    const viaActor = createActor(machine, { snapshot: persisted as never }).getSnapshot();
    expect(observable(stepper.restore(JSON.parse(JSON.stringify(persisted))))).toEqual(observable(viaActor));
    expect(() => stepper.restore({ status: 'active', value: 'no such state', context: {} })).toThrow();
  });
});

it('collects actions per step: a later step does not see an earlier one', () => {
  const flow = FLOWS[0]!;
  const stepper = new FlowStepper(flow.create(content));
  const [, first] = stepper.initial({ purpose: flow.purposes[0]!, lang: 'ja', now: NOW });
  const count = first.length;
  stepper.initial({ purpose: flow.purposes[0]!, lang: 'en', now: NOW });
  expect(first).toHaveLength(count);
});

it('runs on the one xstate version it was compared with: package.json pins it exactly', () => {
  // FlowStepper uses xstate internals (see src/engine/stepper.ts); a range would let an install pick a release
  // these comparisons never saw.
  const readJson = (file: string) => JSON.parse(fs.readFileSync(file, 'utf8'));
  const pinned: string = readJson(path.join(__dirname, '../../package.json')).dependencies.xstate;
  expect(pinned).toMatch(/^\d+\.\d+\.\d+$/);
  expect(readJson(path.join(__dirname, '../../node_modules/xstate/package.json')).version).toBe(pinned);
});
