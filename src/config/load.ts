import { readFile } from 'node:fs/promises';
import type { z } from 'zod';
import { AppError } from '../errors.js';
import { buildConfigSchema, type RunConfig } from './schema.js';

export function formatZodIssues(issues: readonly z.core.$ZodIssue[]): string {
  return issues
    .map((i) => {
      const path = i.path.length ? i.path.map(String).join('.') : '(root)';
      return `${path}: ${i.message}`;
    })
    .join('; ');
}

/** Parses a config object; every absent field gets the schema's default. */
export function parseConfig(raw: unknown, source: string): RunConfig {
  const result = buildConfigSchema().safeParse(raw ?? {});
  if (!result.success) {
    throw new AppError('CONFIG_INVALID', `Invalid config ${source}: ${formatZodIssues(result.error.issues)}`, { source });
  }
  return result.data;
}

export async function loadConfig(path: string | undefined): Promise<RunConfig> {
  if (!path) return parseConfig({}, '(defaults)');
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (e) {
    throw new AppError('CONFIG_UNREADABLE', `Cannot read config ${path}: ${(e as Error).message}`, { path });
  }
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (e) {
    throw new AppError('CONFIG_INVALID', `Invalid config ${path}: not JSON (${(e as Error).message})`, { path });
  }
  return parseConfig(raw, path);
}
