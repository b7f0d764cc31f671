import { readFile } from 'node:fs/promises';
import type { z } from 'zod';
import { AppError } from '../errors.js';
import { openErrorReason } from '../ingest/open-errors.js';
import { buildConfigSchema, type RunConfig } from './schema.js';

/** A JSON path as the README writes it: `columns.declaraties.Declaratienummer`, `(root)` for the whole. */
function jsonPath(path: readonly PropertyKey[]): string {
  return path.length ? path.map(String).join('.') : '(root)';
}

/** One `path: message` per problem; an unknown key is named by its own path, not its parent's. */
export function formatZodIssues(issues: readonly z.core.$ZodIssue[]): string {
  return issues
    .flatMap((i) => (i.code === 'unrecognized_keys' ? i.keys.map((k) => `${jsonPath([...i.path, k])}: unknown key`) : [`${jsonPath(i.path)}: ${i.message}`]))
    .join('; ');
}

/**
 * Keys that name parts of every JavaScript object: a column map holding `__proto__` would, once
 * copied into a plain object, replace its prototype instead of mapping a header.
 */
const FORBIDDEN_KEYS = new Set(['__proto__', 'constructor', 'prototype']);

function findForbiddenKey(value: unknown, path: string[]): string[] | null {
  if (value === null || typeof value !== 'object') return null;
  // JSON.parse makes `__proto__` an own property, so Object.keys sees it.
  for (const key of Object.keys(value)) {
    if (FORBIDDEN_KEYS.has(key)) return [...path, key];
    const found = findForbiddenKey((value as Record<string, unknown>)[key], [...path, key]);
    if (found) return found;
  }
  return null;
}

/** Parses a config object; every absent field gets the schema's default. `undefined` means no config. */
export function parseConfig(raw: unknown, source: string): RunConfig {
  if (raw === null || typeof raw !== 'object' || Array.isArray(raw)) {
    const got = raw === null ? 'null' : Array.isArray(raw) ? 'an array' : typeof raw;
    if (raw !== undefined) throw new AppError('CONFIG_INVALID', `Invalid config ${source}: (root): expected a JSON object ({...}), got ${got}`, { file: source, jsonPath: '(root)' });
  }
  const forbidden = findForbiddenKey(raw, []);
  if (forbidden) {
    const path = jsonPath(forbidden);
    throw new AppError('CONFIG_INVALID', `Invalid config ${source}: ${path}: the key '${forbidden.at(-1)}' is not allowed (it names a part of every JavaScript object)`, { file: source, jsonPath: path });
  }
  const result = buildConfigSchema().safeParse(raw ?? {});
  if (!result.success) {
    throw new AppError('CONFIG_INVALID', `Invalid config ${source}: ${formatZodIssues(result.error.issues)}`, { file: source });
  }
  return result.data;
}

/** "line 3, column 14" for a JSON.parse error that gives a character position (Node 20 does). */
function syntaxWhere(text: string, message: string): string {
  const m = /position (\d+)/.exec(message);
  if (!m) return '';
  const before = text.slice(0, Number(m[1])).split('\n');
  return ` at line ${before.length}, column ${before.at(-1)!.length + 1}`;
}

/**
 * Notepad saves UTF-8 with a byte order mark, and "Unicode" as UTF-16 with one; JSON.parse
 * refuses the mark and a user cannot see it, so the mark decides the encoding and is dropped.
 */
export function decodeConfigText(bytes: Buffer): string {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) return bytes.subarray(3).toString('utf8');
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return bytes.subarray(2).toString('utf16le');
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return Buffer.from(bytes.subarray(2)).swap16().toString('utf16le');
  return bytes.toString('utf8');
}

export async function loadConfig(path: string | undefined): Promise<RunConfig> {
  if (!path) return parseConfig(undefined, '(defaults)');
  let bytes: Buffer;
  try {
    bytes = await readFile(path);
  } catch (e) {
    throw new AppError('CONFIG_UNREADABLE', `Cannot read config ${path}: ${openErrorReason(e)}`, { file: path });
  }
  const text = decodeConfigText(bytes);
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (e) {
    const message = (e as Error).message;
    throw new AppError('CONFIG_INVALID', `Invalid config ${path}: (root): not JSON${syntaxWhere(text, message)} (${message})`, { file: path, jsonPath: '(root)' });
  }
  return parseConfig(raw, path);
}
