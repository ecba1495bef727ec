/**
 * Runs `tasks` with at most `concurrency` at once and at most `perKey` per key (one key per peer),
 * in order where the limits allow. Resolves when all have settled; a task's rejection is its own
 * business (tasks catch their errors).
 */
export async function runLimited<T>(tasks: readonly T[], keyOf: (task: T) => string, concurrency: number, perKey: number, run: (task: T) => Promise<void>): Promise<void> {
  const pending = [...tasks];
  const active = new Map<string, number>();
  let running = 0;
  await new Promise<void>((resolve) => {
    const launch = (): void => {
      if (pending.length === 0 && running === 0) {
        resolve();
        return;
      }
      for (let i = 0; i < pending.length && running < concurrency; ) {
        const key = keyOf(pending[i]!);
        if ((active.get(key) ?? 0) >= perKey) {
          i++;
          continue;
        }
        const [task] = pending.splice(i, 1);
        running++;
        active.set(key, (active.get(key) ?? 0) + 1);
        void run(task!)
          .catch(() => undefined)
          .finally(() => {
            running--;
            active.set(key, active.get(key)! - 1);
            launch();
          });
      }
    };
    launch();
  });
}
