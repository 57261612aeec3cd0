import { createActor, type AnyMachineSnapshot, type AnyStateMachine } from 'xstate';

export type StepActions = { type: string; params?: unknown }[];

/**
 * Pure steps of one flow machine: the same results as xstate's `initialTransition()` and `transition()`, and
 * the same restore as `createActor(machine, { snapshot })`, without building a throw-away actor on every call.
 * Those helpers construct a whole actor (which computes an initial state of its own) per call; that was a
 * third of the engine's time per message. Actions are collected, never executed, exactly as those helpers do.
 *
 * Flows never invoke or spawn child actors, so the one inert scope per machine holds no state between calls;
 * every step checks that assumption.
 *
 * Why xstate is pinned to one exact version in package.json: the scope built here and the three-argument
 * `machine.transition(snapshot, event, scope)` are xstate's internals, not its public API, and a minor or patch
 * release may change them without notice. test/unit/stepper.test.ts walks every flow through xstate's public
 * `initialTransition()`/`transition()` and this stepper side by side: bump xstate deliberately, with that test.
 */
export class FlowStepper {
  private readonly scope: Parameters<AnyStateMachine['getInitialSnapshot']>[0];
  private collected: StepActions | null = null;

  constructor(private readonly machine: AnyStateMachine) {
    const self = createActor(machine);
    this.scope = {
      self,
      system: self.system,
      id: '',
      sessionId: '',
      logger: () => {},
      defer: () => {},
      emit: () => {},
      stopChild: () => {},
      actionExecutor: (action: { type: string; params?: unknown }) => {
        if (!this.collected) throw new Error('a flow action ran outside a step');
        this.collected.push(action);
      },
    } as unknown as Parameters<AnyStateMachine['getInitialSnapshot']>[0];
  }

  initial(input: unknown): [AnyMachineSnapshot, StepActions] {
    return this.collect(() => this.machine.getInitialSnapshot(this.scope, input));
  }

  next(snapshot: AnyMachineSnapshot, event: { type: string }): [AnyMachineSnapshot, StepActions] {
    return this.collect(() => this.machine.transition(snapshot, event, this.scope));
  }

  /** Throws when the persisted snapshot does not fit the machine. */
  restore(persisted: unknown): AnyMachineSnapshot {
    return this.machine.restoreSnapshot(persisted as never, this.scope) as AnyMachineSnapshot;
  }

  private collect(step: () => AnyMachineSnapshot): [AnyMachineSnapshot, StepActions] {
    const actions: StepActions = [];
    this.collected = actions;
    try {
      const snapshot = step();
      assertNoChildren(snapshot);
      return [snapshot, actions];
    } finally {
      this.collected = null;
    }
  }
}

function assertNoChildren(snapshot: AnyMachineSnapshot): void {
  if (Object.keys(snapshot.children ?? {}).length > 0)
    throw new Error(`flow ${snapshot.machine.id} started a child actor; FlowStepper does not support them`);
}
