import { readFileSync } from 'node:fs';

/** Clock ticks per second of /proc/<pid>/stat times (USER_HZ; 100 on every common Linux). */
const TICKS = 100;

export interface ProcessUsage {
  label: string;
  pid: number;
  rssStartMb: number;
  rssEndMb: number;
  rssPeakMb: number;
  cpuSeconds: number;
  /** CPU seconds per wall-clock second: 1.0 is one core kept busy. */
  cores: number;
}

export interface MachineUsage {
  seconds: number;
  /** Cores busy on the whole machine (every process: ours, Postgres, Redis, other people's). */
  busyCores: number;
}

function cpuTicks(pid: number): number | null {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return Number(fields[11]) + Number(fields[12]); // utime + stime
  } catch {
    return null;
  }
}

function rssMb(pid: number): number | null {
  try {
    const match = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return match ? Math.round(Number(match[1]) / 102.4) / 10 : null;
  } catch {
    return null;
  }
}

function machineTicks(): { busy: number; total: number } {
  const line = readFileSync('/proc/stat', 'utf8').split('\n')[0];
  const values = line.trim().split(/\s+/).slice(1).map(Number);
  const idle = values[3] + (values[4] ?? 0);
  const total = values.reduce((a, b) => a + b, 0);
  return { busy: total - idle, total };
}

/**
 * Samples the resident memory and CPU time of a set of processes once a second from /proc, and the
 * whole machine's busy time: who used the two cores during a stage, and whether memory stayed flat.
 */
export class ProcessSampler {
  private readonly tracked = new Map<
    number,
    { label: string; rss: number[]; cpuStart: number; cpuLast: number }
  >();
  private timer?: NodeJS.Timeout;
  private started = 0;
  private machineStart = machineTicks();
  private cpuCount = 1;

  constructor(cpuCount: number) {
    this.cpuCount = cpuCount;
  }

  track(label: string, pid: number): void {
    const cpu = cpuTicks(pid) ?? 0;
    this.tracked.set(pid, { label, rss: [rssMb(pid) ?? 0], cpuStart: cpu, cpuLast: cpu });
  }

  start(intervalMs = 1000): void {
    this.started = Date.now();
    this.machineStart = machineTicks();
    for (const [pid, t] of this.tracked) {
      t.cpuStart = cpuTicks(pid) ?? t.cpuStart;
      t.cpuLast = t.cpuStart;
      t.rss = [rssMb(pid) ?? 0];
    }
    this.timer = setInterval(() => this.sample(), intervalMs);
    this.timer.unref();
  }

  private sample(): void {
    for (const [pid, t] of this.tracked) {
      const rss = rssMb(pid);
      const cpu = cpuTicks(pid);
      if (rss !== null) t.rss.push(rss);
      if (cpu !== null) t.cpuLast = cpu;
    }
  }

  /** Stops sampling and summarises the window since start(). */
  stop(): { processes: ProcessUsage[]; machine: MachineUsage } {
    this.sample();
    clearInterval(this.timer);
    const seconds = Math.max(0.001, (Date.now() - this.started) / 1000);
    const machineEnd = machineTicks();
    const busyTicks = machineEnd.busy - this.machineStart.busy;
    const totalTicks = Math.max(1, machineEnd.total - this.machineStart.total);
    const processes = [...this.tracked].map(([pid, t]) => {
      const cpuSeconds = (t.cpuLast - t.cpuStart) / TICKS;
      return {
        label: t.label,
        pid,
        rssStartMb: t.rss[0],
        rssEndMb: t.rss[t.rss.length - 1],
        rssPeakMb: Math.max(...t.rss),
        cpuSeconds: Math.round(cpuSeconds * 10) / 10,
        cores: Math.round((cpuSeconds / seconds) * 100) / 100,
      };
    });
    return {
      processes,
      machine: {
        seconds: Math.round(seconds * 10) / 10,
        busyCores: Math.round((busyTicks / totalTicks) * this.cpuCount * 100) / 100,
      },
    };
  }
}
