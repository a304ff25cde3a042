// Runs Electronegativity (Doyensec's static checker for Electron apps) over a folder and returns
// its findings. The "available security fixes" check is skipped: it downloads Electron's release
// list, and the build machines have no internet (the Electron version is pinned in package.json).
// electronegativity-offline.mjs stops its translation download so a run takes ~1 s, not ~8 s.
import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { promisify } from 'node:util';

export interface Finding {
  check: string;
  severity: 'HIGH' | 'MEDIUM' | 'LOW' | 'INFORMATIONAL';
  confidence: string;
  file: string;
  location: string;
}

const projectRoot = resolve(import.meta.dirname, '../../..');
const cli = join(projectRoot, 'node_modules/@doyensec/electronegativity/dist/index.js');
/** The pinned Electron version, so version-dependent checks judge the one we ship. */
async function electronVersion(): Promise<string> {
  const pkg = JSON.parse(await readFile(join(projectRoot, 'package.json'), 'utf8')) as {
    devDependencies?: Record<string, string>;
  };
  return pkg.devDependencies?.electron ?? '45.5.0';
}

// Its CSV does not quote code samples, so only the leading fields are read, anchored at row starts.
const row = /^([A-Z_]+),"(HIGH|MEDIUM|LOW|INFORMATIONAL)","(\w+)","([^"]*)","(\d+:\d+)"/gm;

export async function runElectronegativity(input: string): Promise<Finding[]> {
  const dir = await mkdtemp(join(tmpdir(), 'pos-eng-'));
  const report = join(dir, 'report.csv');
  try {
    await promisify(execFile)(
      process.execPath,
      [
        '--import',
        pathToFileURL(join(projectRoot, 'test/support/main/electronegativity-offline.mjs')).href,
        cli,
        '-i',
        input,
        '-r',
        '-o',
        report,
        '-e',
        await electronVersion(),
        '-x',
        'AvailableSecurityFixesGlobalCheck',
      ],
      {
        cwd: projectRoot,
        timeout: 60_000,
      },
    );
    const csv = await readFile(report, 'utf8');
    return Array.from(csv.matchAll(row), (m) => ({
      check: m[1] ?? '',
      severity: (m[2] ?? 'LOW') as Finding['severity'],
      confidence: m[3] ?? '',
      file: m[4] ?? '',
      location: m[5] ?? '',
    }));
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

export function describeFindings(findings: readonly Finding[]): string {
  return findings.map((f) => `${f.severity} ${f.check} ${f.file}:${f.location}`).join('\n');
}
