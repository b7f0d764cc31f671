// Failures a script can read: on a pipe every stderr line is JSON and the failure is one record with
// a code; on a terminal the human line. Crashes included, and never exit 1 (that means "signals").
import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { PassThrough, Readable, Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { ERROR_CODES } from '../src/errors.js';
import { main } from '../src/cli/main.js';
import { DECL_HEADER, failureRecord, runCli, smallExport, tempDir, writeFiles, type FailureRecord } from './support/cli.js';

/** Every stderr line parses as JSON, and exactly one is the failure, with the fields jq users rely on. */
function expectJsonFailure(r: { code: number; stderr: string }, code: string): FailureRecord {
  expect(r.code, r.stderr).toBe(2);
  for (const l of r.stderr.split('\n').filter((x) => x !== '')) expect(() => JSON.parse(l), l).not.toThrow();
  const f = failureRecord(r.stderr);
  expect(f).toMatchObject({ level: 60, name: 'pgb-scan', code, exitCode: 2 });
  expect(f).toHaveProperty('file');
  expect(f).toHaveProperty('line');
  expect(f.msg.length).toBeGreaterThan(10);
  expect(f).not.toHaveProperty('stack');
  return f;
}

describe('failures on a pipe are one JSON record', () => {
  it('a mistyped command or option is USAGE with a did-you-mean', async () => {
    expect(expectJsonFailure(await runCli(['scna']), 'USAGE').msg).toBe("Unknown command 'scna'. Did you mean scan? See pgb-scan --help.");
    expect(expectJsonFailure(await runCli(['scan', '--ot', 'x']), 'USAGE').msg).toBe("Unknown option '--ot'. Did you mean --out? See pgb-scan scan --help.");
    expect(expectJsonFailure(await runCli(['validate', '--delimter', ';']), 'USAGE').msg).toMatch(/Did you mean --delimiter\? See pgb-scan validate --help\.$/);
    expect(expectJsonFailure(await runCli(['evaluate', 'run']), 'USAGE').msg).toBe("Required option '--truth <file>' not specified. See pgb-scan evaluate --help.");
    expect(expectJsonFailure(await runCli(['scan', 'a', 'b', '--stdout', 'csv']), 'USAGE').msg).toMatch(/^Too many arguments for 'scan'/);
  });

  it('no command is USAGE, and the help meant for a person stays off the pipe', async () => {
    const r = await runCli([]);
    expect(expectJsonFailure(r, 'USAGE').msg).toMatch(/^No command given\. Commands: scan, validate, /);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stdout).toBe('');
    expect(expectJsonFailure(await runCli(['help', 'scna']), 'USAGE').msg).toMatch(/^Unknown command 'scna'\. Commands: scan, /);
  });

  it('scan and validate report input errors the same way, with file and line', async () => {
    const missing = join(tempDir(), 'nope');
    for (const cmd of [['scan', missing, '--stdout', 'csv'], ['validate', missing]])
      expect(expectJsonFailure(await runCli(cmd), 'INPUT_MISSING_FILE')).toMatchObject({ file: missing, line: null });

    const dir = smallExport(tempDir());
    writeFiles(dir, { 'declaraties.csv': DECL_HEADER + 'D1,BH1,ZV-OK,2025-03-03,09:00,13:00,4,40,160\nD2,BH1,ZV-OK,"2025-03-04,09:00,13:00,4,40,160\n' });
    for (const cmd of [['scan', dir, '--stdout', 'csv'], ['validate', dir]]) {
      const f = expectJsonFailure(await runCli(cmd), 'INPUT_UNCLOSED_QUOTE');
      expect(String(f.file)).toMatch(/declaraties\.csv$/);
      expect(f.line).toBe(3);
    }
  });

  it('a config error names its file; the record comes whatever --log-level says', async () => {
    const dir = smallExport(tempDir());
    const config = join(tempDir(), 'config.json');
    writeFileSync(config, '{"maxRejectRate": 7}');
    const r = await runCli(['scan', dir, '--stdout', 'csv', '--config', config, '--log-level', 'silent']);
    expect(expectJsonFailure(r, 'CONFIG_INVALID').file).toBe(config);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
  });

  it('log records before the failure are JSON too (reject rate exceeded after reading)', async () => {
    const dir = smallExport(tempDir());
    writeFiles(dir, { 'declaraties.csv': DECL_HEADER + 'D1,BH1,ZV-OK,2025-03-03,09:00,13:00,4,40,160\nD2,BH1,ZV-OK,2025-02-30,09:00,13:00,4,40,160\n' });
    const r = await runCli(['scan', dir, '--stdout', 'csv']);
    expectJsonFailure(r, 'REJECT_RATE_EXCEEDED');
    expect(r.stderr.trim().split('\n').length).toBeGreaterThan(1);
  });

  it('every code in a failure record is a documented error code', async () => {
    for (const argv of [['scna'], ['scan', '--as-of', 'gisteren', '--stdout', 'csv'], ['generate', '--scenario', 'nope.json', '--out', join(tempDir(), 'g')]]) {
      const r = await runCli(argv);
      expect(ERROR_CODES as readonly string[]).toContain(failureRecord(r.stderr).code);
    }
  });
});

describe('failures on a terminal are the human line', () => {
  it('a mistyped option: one line, no JSON', async () => {
    const r = await runCli(['scan', '--ot', 'x'], '', true);
    expect(r.code).toBe(2);
    expect(r.stderr).toBe("pgb-scan: error USAGE: Unknown option '--ot'. Did you mean --out? See pgb-scan scan --help.\n");
  });

  it('an input error: the line names the file', async () => {
    const missing = join(tempDir(), 'nope');
    const r = await runCli(['validate', missing], '', true);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/^pgb-scan: error INPUT_MISSING_FILE: input directory: cannot open .*nope: not found/);
  });

  it('no command: the help, then the error line', async () => {
    const r = await runCli([], '', true);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/Usage: pgb-scan[\s\S]*\npgb-scan: error USAGE: No command given\. [^\n]*\n$/);
  });
});

describe('a bug is INTERNAL, exit 2, still one JSON record on a pipe', () => {
  it('an unexpected error inside a command', async () => {
    const dir = smallExport(tempDir());
    const buggyStdout = () =>
      new Writable({
        write() {
          throw new TypeError('a bug in a writer');
        },
      });
    const stdout = buggyStdout();
    const stderr = new PassThrough();
    let err = '';
    stderr.on('data', (d) => (err += d));
    const code = await main(['scan', dir, '--stdout', 'csv', '--log-level', 'silent'], { stdout, stderr, stdin: Readable.from([]), interactive: false });
    expect(code).toBe(2);
    const f = failureRecord(err);
    expect(f).toMatchObject({ level: 60, code: 'INTERNAL', exitCode: 2 });
    expect(f.msg).toMatch(/internal error .*a bug in a writer/);
    expect(String(f.stack)).toMatch(/TypeError: a bug in a writer\n\s+at /);
    expect(err.trim().split('\n')).toHaveLength(1);

    // On a terminal: the human line, then the stack for the bug report.
    const tty = new PassThrough();
    let shown = '';
    tty.on('data', (d) => (shown += d));
    expect(await main(['scan', dir, '--stdout', 'csv', '--log-level', 'silent'], { stdout: buggyStdout(), stderr: tty, stdin: Readable.from([]), interactive: true })).toBe(2);
    expect(shown).toMatch(/^pgb-scan: error INTERNAL: internal error .*a bug in a writer\nTypeError: a bug in a writer\n\s+at /);
  });

  it('an uncaught exception in the binary', () => {
    // Makes the first write to stdout throw outside any promise, the way a bug in an event handler would.
    const hook = `data:text/javascript,${encodeURIComponent("const w=process.stdout.write.bind(process.stdout);process.stdout.write=(...a)=>{setImmediate(()=>{throw new RangeError('bug outside the chain')});return w(...a)};")}`;
    const r = spawnSync(process.execPath, ['--import', hook, 'bin/pgb-scan.js', 'indicators'], { encoding: 'utf8' });
    expect(r.status).toBe(2);
    const f = failureRecord(r.stderr);
    expect(f).toMatchObject({ code: 'INTERNAL', exitCode: 2 });
    expect(String(f.stack)).toMatch(/RangeError: bug outside the chain/);
  });

  it("Node's own warnings are JSON records on a pipe", () => {
    const hook = `data:text/javascript,${encodeURIComponent("const w=process.stdout.write.bind(process.stdout);let once=true;process.stdout.write=(...a)=>{if(once){once=false;process.emitWarning('a warning from a dependency','DeprecationWarning','DEP0999')}return w(...a)};")}`;
    const r = spawnSync(process.execPath, ['--import', hook, 'bin/pgb-scan.js', 'indicators'], { encoding: 'utf8' });
    expect(r.status).toBe(0);
    const lines = r.stderr.split('\n').filter((l) => l !== '');
    expect(lines).toHaveLength(1);
    expect(JSON.parse(lines[0])).toMatchObject({ level: 40, warning: 'DeprecationWarning', warningCode: 'DEP0999', msg: 'a warning from a dependency' });
  });

  it('a binary without dist/ says how to build it', () => {
    const root = tempDir();
    mkdirSync(join(root, 'bin'));
    copyFileSync(resolve('bin/pgb-scan.js'), join(root, 'bin', 'pgb-scan.js'));
    const r = spawnSync(process.execPath, [join(root, 'bin', 'pgb-scan.js'), 'scan'], { encoding: 'utf8' });
    expect(r.status).toBe(2);
    expect(failureRecord(r.stderr)).toMatchObject({ code: 'INTERNAL', exitCode: 2, msg: expect.stringMatching(/not built .*npm ci/) });
  });
});
