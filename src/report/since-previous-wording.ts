// The words of "Sinds de vorige scan", Dutch and English; part of WORDING (wording.ts), kept in a file of
// their own because the section has many of them.
import type { ChangeStatus } from '../history/compare.js';
import type { ComparisonWarning } from '../history/since-previous.js';

/** A provider's change as the sentences quote it: tiers already in the report's language, scores formatted. */
export interface ChangeFacts {
  tierBefore: string | null;
  tierAfter: string | null;
  scoreBefore: string | null;
  scoreAfter: string | null;
  indicatorsBefore: string[];
  indicatorsAfter: string[];
  added: string[];
  removed: string[];
}

export interface SincePreviousWording {
  /** Why a provider that is gone from the ranking is gone: every signal set aside by an analysts' decision. */
  setAsideWhy: string;
  heading: string;
  comparedWith(asOf: string, manifestSha: string): string;
  warningLead: string;
  warning(w: ComparisonWarning): string;
  providerCounts(c: Record<ChangeStatus, number>): string;
  signalCounts(c: Record<ChangeStatus, number>): string;
  status: Record<ChangeStatus, string>;
  escalatedHeading: string;
  disappearedHeading: string;
  otherChangesHeading: string;
  /** pgb-scan diff: the signals that are new, changed or gone. */
  signalsHeading: string;
  none: string;
  /** Why a provider is listed: new, changed or gone, with tiers, scores and indicators. */
  why(status: ChangeStatus, f: ChangeFacts): string;
  more(n: number): string;
  note: string;
}

const list = (xs: string[]) => xs.join(', ');

export const SINCE_PREVIOUS_NL: SincePreviousWording = {
  heading: 'Sinds de vorige scan',
  comparedWith: (asOf, sha) => `Vergeleken met de vorige scan, peildatum ${asOf} (manifest sha256 ${sha.slice(0, 12)}), per signaalsleutel en per zorgverlener.`,
  warningLead: 'Let op.',
  warning: (w) =>
    w.kind === 'config'
      ? `De vorige scan gebruikte een andere configuratie (configSha256 ${w.before.slice(0, 12)}, nu ${w.after.slice(0, 12)}): een verschil kan uit de configuratie komen in plaats van uit de gegevens.`
      : `De vorige scan is gemaakt met een andere versie (${w.before}, nu ${w.after}): een verschil kan uit de versie komen in plaats van uit de gegevens.`,
  providerCounts: (c) => `Zorgverleners: ${c.nieuw} nieuw, ${c.gewijzigd} gewijzigd, ${c.blijvend} blijvend, ${c.verdwenen} verdwenen.`,
  signalCounts: (c) => `Signalen: ${c.nieuw} nieuw, ${c.gewijzigd} gewijzigd, ${c.blijvend} blijvend, ${c.verdwenen} verdwenen.`,
  status: { nieuw: 'nieuw', gewijzigd: 'gewijzigd', blijvend: 'blijvend', verdwenen: 'verdwenen' },
  setAsideWhy: 'buiten de ranglijst door een besluit van een analist (zie Eerder beoordeeld); de signalen zelf zijn er nog.',
  escalatedHeading: 'Nieuw of ernstiger',
  disappearedHeading: 'Verdwenen',
  otherChangesHeading: 'Lager of minder indicatoren',
  signalsHeading: 'Signalen nieuw, gewijzigd (punten) of verdwenen',
  none: 'Geen.',
  why: (status, f) => {
    if (status === 'nieuw') return `nieuw: ${f.tierAfter}, score ${f.scoreAfter}; indicatoren: ${list(f.indicatorsAfter)}.`;
    if (status === 'verdwenen') return `geen signaal meer; was ${f.tierBefore}, score ${f.scoreBefore}, met ${list(f.indicatorsBefore)}.`;
    const parts = [f.tierBefore === f.tierAfter ? `${f.tierAfter}, score ${f.scoreBefore} → ${f.scoreAfter}` : `${f.tierBefore} → ${f.tierAfter}, score ${f.scoreBefore} → ${f.scoreAfter}`];
    if (f.added.length > 0) parts.push(`nieuwe indicator(en): ${list(f.added)}`);
    if (f.removed.length > 0) parts.push(`niet meer: ${list(f.removed)}`);
    return `${parts.join('; ')}.`;
  },
  more: (n) => `En ${n} meer; providers.csv (kolom sinds_vorige) en pgb-scan diff geven ze allemaal.`,
  note:
    'Nieuw: niet in de vorige scan; gewijzigd: score, niveau of indicatoren anders; blijvend: gelijk; verdwenen: geen signaal meer. ' +
    'Een verdwenen signaal is geen vrijspraak: de gegevens kunnen zijn gecorrigeerd of de zorg gestopt.',
};

export const SINCE_PREVIOUS_EN: SincePreviousWording = {
  heading: 'Since the previous scan',
  comparedWith: (asOf, sha) => `Compared with the previous scan, reference date ${asOf} (manifest sha256 ${sha.slice(0, 12)}), by signal key and by provider.`,
  warningLead: 'Note.',
  warning: (w) =>
    w.kind === 'config'
      ? `The previous scan used another config (configSha256 ${w.before.slice(0, 12)}, now ${w.after.slice(0, 12)}): a difference may come from the config rather than from the data.`
      : `The previous scan was made by another version (${w.before}, now ${w.after}): a difference may come from the version rather than from the data.`,
  providerCounts: (c) => `Providers: ${c.nieuw} new, ${c.gewijzigd} changed, ${c.blijvend} unchanged, ${c.verdwenen} gone.`,
  signalCounts: (c) => `Signals: ${c.nieuw} new, ${c.gewijzigd} changed, ${c.blijvend} unchanged, ${c.verdwenen} gone.`,
  status: { nieuw: 'new', gewijzigd: 'changed', blijvend: 'unchanged', verdwenen: 'gone' },
  setAsideWhy: "out of the ranking by an analyst's decision (see Previously reviewed); its signals are still there.",
  escalatedHeading: 'New or more serious',
  disappearedHeading: 'Gone',
  otherChangesHeading: 'Lower or fewer indicators',
  signalsHeading: 'Signals new, changed (points) or gone',
  none: 'None.',
  why: (status, f) => {
    if (status === 'nieuw') return `new: ${f.tierAfter}, score ${f.scoreAfter}; indicators: ${list(f.indicatorsAfter)}.`;
    if (status === 'verdwenen') return `no signal any more; was ${f.tierBefore}, score ${f.scoreBefore}, with ${list(f.indicatorsBefore)}.`;
    const parts = [f.tierBefore === f.tierAfter ? `${f.tierAfter}, score ${f.scoreBefore} → ${f.scoreAfter}` : `${f.tierBefore} → ${f.tierAfter}, score ${f.scoreBefore} → ${f.scoreAfter}`];
    if (f.added.length > 0) parts.push(`new indicator(s): ${list(f.added)}`);
    if (f.removed.length > 0) parts.push(`no longer: ${list(f.removed)}`);
    return `${parts.join('; ')}.`;
  },
  more: (n) => `And ${n} more; providers.csv (column sinds_vorige) and pgb-scan diff give them all.`,
  note:
    'New: not in the previous scan; changed: score, tier or indicators differ; unchanged: the same; gone: no signal any more. ' +
    'A signal that is gone is no acquittal: the data may have been corrected or the care stopped.',
};
