import { readdirSync, readFileSync } from 'node:fs';

/** Clock ticks per second of /proc/<pid>/stat times (USER_HZ; 100 on every common Linux). */
const TICKS = 100;

export interface ProcessUsage {
  label: string;
  /** 0 for a group of processes (e.g. the Postgres backends serving a database). */
  pid: number;
  rssStartMb: number;
  rssEndMb: number;
  rssPeakMb: number;
  /** RSS at ten evenly spaced moments of the stage, start to end: whether memory stayed flat. */
  rssTrendMb: number[];
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

/** `count` values at evenly spaced positions of `samples`, first and last included. */
function evenlySpaced(samples: number[], count: number): number[] {
  if (samples.length <= count) return [...samples];
  return Array.from(
    { length: count },
    (_, i) => samples[Math.round((i * (samples.length - 1)) / (count - 1))],
  );
}

function cmdline(pid: number): string {
  try {
    return readFileSync(`/proc/${pid}/cmdline`, 'utf8').replace(/\0/g, ' ');
  } catch {
    return '';
  }
}

function allPids(): number[] {
  return readdirSync('/proc')
    .filter((name) => /^\d+$/.test(name))
    .map(Number);
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
  private readonly groups: {
    label: string;
    matches: (cmdline: string) => boolean;
    /** CPU ticks at start (0 for processes that appeared during the window) and last seen. */
    members: Map<number, { start: number; last: number }>;
  }[] = [];

  constructor(cpuCount: number) {
    this.cpuCount = cpuCount;
  }

  track(label: string, pid: number): void {
    const cpu = cpuTicks(pid) ?? 0;
    this.tracked.set(pid, { label, rss: [rssMb(pid) ?? 0], cpuStart: cpu, cpuLast: cpu });
  }

  /**
   * Every process whose command line matches, counted together: e.g. the Postgres backends serving
   * the stage database (their command line names it), so the database's CPU is not lumped in with
   * other people's work.
   */
  trackMatching(label: string, matches: (cmdline: string) => boolean): void {
    this.groups.push({ label, matches, members: new Map() });
  }

  private scanGroups(initial: boolean): void {
    if (this.groups.length === 0) return;
    const pids = allPids();
    for (const group of this.groups) {
      for (const pid of pids) {
        const member = group.members.get(pid);
        const cpu = cpuTicks(pid);
        if (cpu === null) continue;
        if (member) member.last = cpu;
        else if (group.matches(cmdline(pid))) group.members.set(pid, { start: initial ? cpu : 0, last: cpu });
      }
    }
  }

  start(intervalMs = 1000): void {
    this.started = Date.now();
    this.machineStart = machineTicks();
    for (const [pid, t] of this.tracked) {
      t.cpuStart = cpuTicks(pid) ?? t.cpuStart;
      t.cpuLast = t.cpuStart;
      t.rss = [rssMb(pid) ?? 0];
    }
    this.scanGroups(true);
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
    this.scanGroups(false);
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
        rssPeakMb: t.rss.reduce((a, b) => Math.max(a, b), 0),
        rssTrendMb: evenlySpaced(t.rss, 10),
        cpuSeconds: Math.round(cpuSeconds * 10) / 10,
        cores: Math.round((cpuSeconds / seconds) * 100) / 100,
      };
    });
    for (const group of this.groups) {
      const ticks = [...group.members.values()].reduce((n, m) => n + (m.last - m.start), 0);
      processes.push({
        label: group.label,
        pid: 0,
        rssStartMb: 0,
        rssEndMb: 0,
        rssPeakMb: 0,
        rssTrendMb: [],
        cpuSeconds: Math.round((ticks / TICKS) * 10) / 10,
        cores: Math.round((ticks / TICKS / seconds) * 100) / 100,
      });
    }
    return {
      processes,
      machine: {
        seconds: Math.round(seconds * 10) / 10,
        busyCores: Math.round((busyTicks / totalTicks) * this.cpuCount * 100) / 100,
      },
    };
  }
}
