// The inputs a scan knows, in the order they are read: an input comes after every input its foreign
// keys reference (test/inputs/registry.test.ts checks this list against the folder and that order).
import type { DeclarationTable } from '../model/declaration-table.js';
import afwezigheden from './afwezigheden.js';
import budgethouders from './budgethouders.js';
import declaraties from './declaraties.js';
import waarschuwingsregister from './waarschuwingsregister.js';
import zorgovereenkomsten from './zorgovereenkomsten.js';
import zorgverleners from './zorgverleners.js';

export const INPUTS = [budgethouders, zorgverleners, declaraties, zorgovereenkomsten, afwezigheden, waarschuwingsregister] as const;

type Definition = (typeof INPUTS)[number];
export type InputName = Definition['name'];

type RowOf<D> = D extends { toRow: ((...args: never[]) => infer R) | null } ? R : never;
/** The dataset's tables, one per input: rows (the declarations: their columnar table); null when an optional input was not given. */
export type InputTables = {
  [D in Definition as D['table']]: D['name'] extends 'declaraties' ? DeclarationTable : D extends { required: true } ? RowOf<D>[] : RowOf<D>[] | null;
};

export const FILE_KINDS: readonly InputName[] = INPUTS.map((i) => i.name);

