import { SingleBar } from 'cli-progress';

/** What the seed reports while it works; the CLI draws bars, tests stay quiet. */
export interface SeedProgress {
  /** Starts a step (ending the previous one) of `total` units. */
  step(label: string, total: number, unit: string): void;
  advance(by: number): void;
  finish(): void;
}

export const silentProgress: SeedProgress = {
  step: () => undefined,
  advance: () => undefined,
  finish: () => undefined,
};

/** One bar per step on stderr (stdout keeps the summary clean for scripts). */
export function terminalProgress(stream: NodeJS.WriteStream = process.stderr): SeedProgress {
  let bar: SingleBar | null = null;
  const finish = () => {
    bar?.stop();
    bar = null;
  };
  return {
    step(label, total, unit) {
      finish();
      bar = new SingleBar({
        format: `${label.padEnd(28)} [{bar}] {percentage}% | {value}/{total} ${unit} | {duration_formatted}`,
        stream,
        hideCursor: true,
        barsize: 30,
        formatValue: (value, _options, type) =>
          type === 'value' || type === 'total' ? Math.round(value).toLocaleString('en-US') : String(value),
      });
      bar.start(total, 0);
    },
    advance(by) {
      bar?.increment(by);
    },
    finish,
  };
}
