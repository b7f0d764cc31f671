import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadConfig, parseConfig } from '../../src/config/load.js';
import { AppError } from '../../src/errors.js';
import { tempDir } from '../support/cli.js';

function configFile(text: string | Buffer): string {
  const path = join(tempDir('pgb-config-'), 'c.json');
  writeFileSync(path, text);
  return path;
}

async function failure(path: string): Promise<AppError> {
  const e = await loadConfig(path).then(
    () => null,
    (err: unknown) => err,
  );
  expect(e).toBeInstanceOf(AppError);
  return e as AppError;
}

describe('config loading', () => {
  it('refuses tiers out of order, naming file and path', async () => {
    const path = configFile(JSON.stringify({ tiers: { hoog: 10, midden: 90 } }));
    const e = await failure(path);
    expect(e.code).toBe('CONFIG_INVALID');
    expect(e.message).toContain(path);
    expect(e.message).toMatch(/tiers\.hoog: tier order: hoog \(10\) must be above midden \(90\)/);
  });

  it('checks tier order against the default of the tier not given', () => {
    expect(() => parseConfig({ tiers: { hoog: 30 } }, 'c.json')).toThrow(/tiers\.hoog: .*hoog \(30\) must be above midden \(35\)/);
    expect(() => parseConfig({ tiers: { hoog: 50, midden: 50 } }, 'c.json')).toThrow(/tier order/);
    expect(parseConfig({ tiers: { hoog: 80, midden: 20 } }, 'c.json').tiers).toEqual({ hoog: 80, midden: 20 });
    expect(parseConfig({ tiers: { midden: 59 } }, 'c.json').tiers).toEqual({ hoog: 60, midden: 59 });
  });

  it('refuses a null config and other non-objects', async () => {
    for (const text of ['null', '[]', '42', '"tiers"']) {
      const path = configFile(text);
      const e = await failure(path);
      expect(e.code, text).toBe('CONFIG_INVALID');
      expect(e.message, text).toMatch(new RegExp(`${path.replaceAll('.', '\\.')}: \\(root\\): expected a JSON object`));
    }
  });

  it.each(['__proto__', 'constructor', 'prototype'])('refuses a %s key anywhere, naming its path', async (key) => {
    const path = configFile(`{"columns":{"declaraties":{"${key}":"declaratie_id"}}}`);
    const e = await failure(path);
    expect(e.code).toBe('CONFIG_INVALID');
    expect(e.message).toContain(`${path}: columns.declaraties.${key}: the key '${key}' is not allowed`);
    expect(({} as Record<string, unknown>).declaratie_id).toBeUndefined();
  });

  it('refuses __proto__ at the top level, where zod would not see it', async () => {
    const e = await failure(configFile('{"__proto__":{"maxRejectRate":1}}'));
    expect(e.message).toMatch(/: __proto__: the key '__proto__' is not allowed/);
  });

  it('accepts a config saved with a UTF-8 byte order mark (Notepad)', async () => {
    const path = configFile(Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(JSON.stringify({ maxRejectRate: 0.2 }))]));
    expect((await loadConfig(path)).maxRejectRate).toBe(0.2);
  });

  it("accepts UTF-16 with a byte order mark (Notepad's 'Unicode'), little- and big-endian", async () => {
    const json = JSON.stringify({ tiers: { hoog: 70, midden: 40 } });
    const le = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(json, 'utf16le')]);
    const be = Buffer.concat([Buffer.from([0xfe, 0xff]), Buffer.from(json, 'utf16le').swap16()]);
    expect((await loadConfig(configFile(le))).tiers).toEqual({ hoog: 70, midden: 40 });
    expect((await loadConfig(configFile(be))).tiers).toEqual({ hoog: 70, midden: 40 });
  });

  it('names the line and column of a JSON syntax error', async () => {
    const path = configFile('{\n  "maxRejectRate": 0.2,\n}\n');
    const e = await failure(path);
    expect(e.code).toBe('CONFIG_INVALID');
    expect(e.message).toMatch(/not JSON at line 3, column 1/);
  });

  it('says why a config cannot be read: a folder, a symlink loop, not found', async () => {
    const dir = tempDir('pgb-config-');
    expect((await failure(dir)).message).toMatch(/is a folder, not a file \(EISDIR\)/);
    const { symlinkSync } = await import('node:fs');
    symlinkSync(join(dir, 'loop.json'), join(dir, 'loop.json'));
    const loop = await failure(join(dir, 'loop.json'));
    expect(loop.code).toBe('CONFIG_UNREADABLE');
    expect(loop.message).toMatch(/symlink loop.*\(ELOOP\)/);
    expect((await failure(join(dir, 'none.json'))).message).toMatch(/not found \(ENOENT\)/);
  });

  it('names an unknown key by its own path', () => {
    expect(() => parseConfig({ tierz: 1, tiers: { hoog: 70, x: 1 } }, 'c.json')).toThrow('Invalid config c.json: tiers.x: unknown key; tierz: unknown key');
  });
});
