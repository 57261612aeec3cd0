import type { Store } from './types';

/**
 * The same store, telling `onError` the name of every operation that fails (for the store-errors metric); the
 * failure itself is passed on unchanged.
 */
export function countingErrors(store: Store, onError: (operation: string) => void): Store {
  return new Proxy(store, {
    get(target, property, receiver) {
      const value = Reflect.get(target, property, receiver);
      if (typeof value !== 'function' || typeof property !== 'string') return value;
      return (...args: unknown[]) => {
        const result = (value as (...a: unknown[]) => unknown).apply(target, args);
        if (result instanceof Promise) {
          return result.catch((error: unknown) => {
            onError(property);
            throw error;
          });
        }
        return result;
      };
    },
  });
}
