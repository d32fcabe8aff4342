import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';

export const root = path.resolve(import.meta.dirname, '..');

export interface Child {
  process: ChildProcess;
  port: number;
  /** Memory after a full GC, as the child reports it on SIGUSR2: resident, and what JS holds (heap + buffers). */
  memory(): Promise<{ rss: number; js: number }>;
  /** Everything the child has printed so far (stdout and stderr). */
  output(): string;
  stop(): Promise<void>;
}

/** Starts a TypeScript entry point as its own process and waits until it prints a port (`pattern`'s group 1). */
export async function startChild(args: string[], env: Record<string, string>, pattern: RegExp): Promise<Child> {
  // BENCH_CPU_PROFILE=<dir> writes a V8 CPU profile of each child there when it exits (node --cpu-prof).
  const profile = process.env.BENCH_CPU_PROFILE ? ['--cpu-prof', `--cpu-prof-dir=${process.env.BENCH_CPU_PROFILE}`] : [];
  const child = spawn(process.execPath, [...profile, '--expose-gc', '--import', 'tsx', ...args], {
    cwd: root,
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const port = await new Promise<number>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no port from ${args.join(' ')}:\n${output}`)), 60_000);
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      const match = pattern.exec(output);
      if (match) {
        clearTimeout(timer);
        resolve(Number(match[1]));
      }
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', onData);
    child.once('exit', (code) => reject(new Error(`${args.join(' ')} exited (${code}):\n${output}`)));
  });
  return {
    process: child,
    port,
    memory: async () => {
      const from = output.length;
      child.kill('SIGUSR2');
      const deadline = Date.now() + 10_000;
      for (;;) {
        const match = /memory (\{.*\})\n/.exec(output.slice(from));
        if (match) {
          const usage = JSON.parse(match[1]!) as { rss: number; heapUsed: number; external: number };
          return { rss: usage.rss, js: usage.heapUsed + usage.external };
        }
        if (Date.now() > deadline) throw new Error('the server did not report its memory');
        await sleep(50);
      }
    },
    output: () => output,
    stop: async () => {
      if (child.exitCode !== null) return;
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.kill('SIGTERM');
      await exited;
    },
  };
}

export function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}

export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
