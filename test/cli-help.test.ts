// Help that answers: every command's --help says what it writes, what its exit codes mean and how
// to call it; the examples only use options the command has.
import { describe, expect, it } from 'vitest';
import { runCli } from './support/cli.js';

/** Command names as the top-level help lists them, so a newly registered command is covered too. */
async function commandNames(): Promise<string[]> {
  const r = await runCli(['--help']);
  const block = /\nCommands:\n([\s\S]*?)\n\n/.exec(r.stdout);
  expect(block, r.stdout).not.toBeNull();
  return block![1]
    .split('\n')
    .map((l) => /^ {2}([a-z][a-z-]*)\b/.exec(l)?.[1])
    .filter((n): n is string => n !== undefined && n !== 'help');
}

function section(help: string, title: string): string {
  const m = new RegExp(`\\n${title}:\\n((?: .*\\n?)+)`).exec(help);
  expect(m, `${title} in\n${help}`).not.toBeNull();
  return m![1];
}

describe('--help', () => {
  it('lists the commands', async () => {
    expect(await commandNames()).toEqual(expect.arrayContaining(['scan', 'validate', 'indicators', 'generate', 'evaluate']));
  });

  it('of every command lists its outputs, exit codes and examples', async () => {
    for (const name of await commandNames()) {
      const r = await runCli([name, '--help']);
      expect(r.code, name).toBe(0);
      expect(r.stderr).toBe('');
      section(r.stdout, 'Outputs');
      const exits = section(r.stdout, 'Exit codes');
      expect(exits, name).toMatch(/^ {2}0 {2}\S/m);
      expect(exits, name).toMatch(/^ {2}2 {2}\S/m);
      expect(exits, name).toMatch(/every stderr line is JSON/);
      const examples = section(r.stdout, 'Examples').trim().split('\n').map((l) => l.trim());
      expect(examples.length, name).toBeGreaterThan(0);
      for (const e of examples) {
        expect(e, name).toMatch(new RegExp(`^pgb-scan ${name}\\b`));
        // An example with an option the command lacks would fail as a USAGE error.
        for (const flag of e.match(/(?<=\s)--[a-z-]+/g) ?? []) expect(r.stdout, `${name}: ${e}`).toMatch(new RegExp(`^ +(?:-\\w, )?${flag}\\b`, 'm'));
      }
    }
  });

  it('of the program lists the exit codes; `help CMD` is an answer (exit 0)', async () => {
    const top = await runCli(['--help']);
    expect(top.code).toBe(0);
    expect(section(top.stdout, 'Exit codes')).toMatch(/^ {2}1 {2}/m);
    const help = await runCli(['help', 'scan']);
    expect(help.code).toBe(0);
    expect(help.stdout).toContain('--fail-on');
    expect((await runCli(['--version'])).code).toBe(0);
  });

  it('scan --help describes the JSON failure record fields', async () => {
    const r = await runCli(['scan', '--help']);
    expect(r.stdout).toMatch(/level 60, code, msg,\s+file, line and exitCode/);
  });
});
