/**
 * Summarises V8 CPU profiles (node --cpu-prof) of the service processes: where the self time went, by
 * function and by package (our src/, each node_modules package, Node internals, garbage collection).
 *
 *   node dist/bench/profile-summary.js DIR_OR_FILE... [--top N]
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  children?: number[];
}
interface CpuProfile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
}

export interface ProfileSummary {
  totalMs: number;
  byFunction: { name: string; ms: number; share: number }[];
  byPackage: { name: string; ms: number; share: number }[];
}

function packageOf(url: string, functionName: string): string {
  if (functionName === '(garbage collector)') return '(garbage collector)';
  if (functionName === '(idle)' || functionName === '(program)') return functionName;
  if (!url) return '(native)';
  const nm = url.lastIndexOf('node_modules/');
  if (nm >= 0) {
    const rest = url.slice(nm + 'node_modules/'.length).split('/');
    return rest[0].startsWith('@') ? `${rest[0]}/${rest[1]}` : rest[0];
  }
  if (url.startsWith('node:')) return 'node internals';
  const src = url.indexOf('/src/');
  return src >= 0 ? `src/${url.slice(src + 5).split('/')[0]}` : url;
}

/** Self time per function and per package, summed over the profiles given. */
export function summarizeProfiles(profiles: CpuProfile[], top = 25): ProfileSummary {
  const byFunction = new Map<string, number>();
  const byPackage = new Map<string, number>();
  let total = 0;
  for (const profile of profiles) {
    const nodes = new Map(profile.nodes.map((n) => [n.id, n]));
    profile.samples.forEach((id, i) => {
      const node = nodes.get(id);
      const us = profile.timeDeltas[i] ?? 0;
      if (!node || node.callFrame.functionName === '(idle)') return;
      total += us;
      const f = node.callFrame;
      const file = f.url.replace(/^.*\/(node_modules|dist|src)\//, '$1/');
      const name = `${f.functionName || '(anonymous)'} ${file}:${f.lineNumber + 1}`;
      byFunction.set(name, (byFunction.get(name) ?? 0) + us);
      const pkg = packageOf(f.url, f.functionName);
      byPackage.set(pkg, (byPackage.get(pkg) ?? 0) + us);
    });
  }
  const rank = (m: Map<string, number>) =>
    [...m]
      .sort((a, b) => b[1] - a[1])
      .slice(0, top)
      .map(([name, us]) => ({
        name,
        ms: Math.round(us / 1000),
        share: Math.round((us / total) * 1000) / 10,
      }));
  return { totalMs: Math.round(total / 1000), byFunction: rank(byFunction), byPackage: rank(byPackage) };
}

function profileFiles(paths: string[]): string[] {
  return paths.flatMap((p) =>
    statSync(p).isDirectory()
      ? readdirSync(p)
          .filter((f) => f.endsWith('.cpuprofile'))
          .map((f) => join(p, f))
      : [p],
  );
}

if (require.main === module) {
  const args = process.argv.slice(2);
  const topIndex = args.indexOf('--top');
  const top = topIndex >= 0 ? Number(args.splice(topIndex, 2)[1]) : 25;
  const files = profileFiles(args);
  const summary = summarizeProfiles(
    files.map((f) => JSON.parse(readFileSync(f, 'utf8')) as CpuProfile),
    top,
  );
  console.log(`${files.length} profiles, ${summary.totalMs} ms of CPU (idle excluded)\n`);
  console.log('| package | ms | % |\n| --- | --- | --- |');
  for (const p of summary.byPackage) console.log(`| ${p.name} | ${p.ms} | ${p.share} |`);
  console.log('\n| function | ms | % |\n| --- | --- | --- |');
  for (const f of summary.byFunction) console.log(`| ${f.name} | ${f.ms} | ${f.share} |`);
}
