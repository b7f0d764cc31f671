import { describe, expect, it } from 'vitest';
import { INDICATORS } from '../src/indicators/index.js';
import { fillTemplate, formatNumber, renderSignal } from '../src/report/messages.js';

describe('messages', () => {
  it('formats numbers the Dutch way and the English way', () => {
    expect(formatNumber(1234.5, 'nl')).toBe('1.234,5');
    expect(formatNumber(1234.5, 'en')).toBe('1,234.5');
    expect(formatNumber(1234567, 'nl')).toBe('1.234.567');
    expect(formatNumber(-0.126, 'nl')).toBe('-0,13');
    expect(formatNumber(24, 'nl')).toBe('24');
    expect(formatNumber(0.0041, 'nl')).toBe('0,0041');
    expect(formatNumber(0.015, 'en')).toBe('0.015');
  });

  it('writes euros with cents', () => {
    expect(fillTemplate('€ {a} en € {b}', { a: 37812.2, b: 7838 }, 'nl')).toBe('€ 37.812,20 en € 7.838,00');
    expect(fillTemplate('€ {a}', { a: 1234.5 }, 'en')).toBe('€ 1,234.50');
  });

  it('writes ISO dates as DD-MM-YYYY in Dutch only', () => {
    expect(fillTemplate('op {d}', { d: '2025-03-07' }, 'nl')).toBe('op 07-03-2025');
    expect(fillTemplate('on {d}', { d: '2025-03-07' }, 'en')).toBe('on 2025-03-07');
  });

  it('leaves an unknown placeholder visible rather than inventing a value', () => {
    expect(fillTemplate('x {missing} y', {}, 'nl')).toBe('x {missing} y');
  });

  it('renders a signal from its observed and threshold values', () => {
    const text = renderSignal(
      {
        indicator: 'care-after-death',
        messageId: 'afterDeath',
        observed: { overlijdensdatum: '2025-04-10', first_day: '2025-04-11', last_day: '2025-06-30', declarations: 3, days_after: 81 },
        threshold: { grace_days: 0 },
      },
      'nl',
    );
    expect(text).toContain('10-04-2025');
    expect(text).toContain('3 declaratie(s)');
    expect(text).toContain('81 dagen');
    expect(text).not.toMatch(/\{[a-z0-9_]+\}/);
  });

  it('fails loudly on an unknown indicator or message id instead of printing the id', () => {
    const base = { observed: {}, threshold: {} };
    expect(() => renderSignal({ ...base, indicator: 'care-after-death', messageId: 'noSuchMessage' }, 'nl')).toThrow(/care-after-death.*noSuchMessage/);
    expect(() => renderSignal({ ...base, indicator: 'no-such-indicator', messageId: 'afterDeath' }, 'en')).toThrow(/no-such-indicator/);
    // An inherited property is no message either.
    expect(() => renderSignal({ ...base, indicator: 'care-after-death', messageId: 'toString' }, 'nl')).toThrow(/toString/);
  });

  const everyMessage = INDICATORS.flatMap((ind) => Object.entries(ind.messages).map(([mid, t]) => [`${ind.id}/${mid}`, ind.id, mid, t] as const));

  it.each(everyMessage)('%s renders from its example values in Dutch and English, with nothing left over', (_name, id, mid, t) => {
    const keys = (s: string) => [...s.matchAll(/\{([a-z0-9_]+)\}/g)].map((m) => m[1]).sort();
    expect(keys(t.nl), 'same placeholders in both languages').toEqual(keys(t.en));
    // Every example value is used, so the examples document exactly the placeholders.
    expect([...new Set(keys(t.nl))]).toEqual(Object.keys(t.example).sort());
    for (const lang of ['nl', 'en'] as const) {
      expect(typeof t[lang], lang).toBe('string');
      const text = renderSignal({ indicator: id, messageId: mid, observed: t.example, threshold: {} }, lang);
      expect(text.trim().length, `${lang} is empty`).toBeGreaterThan(20);
      expect(text, `${lang} leaves a placeholder`).not.toMatch(/\{[a-z0-9_]*\}/);
      expect(text).not.toMatch(/undefined|NaN/);
    }
  });
});
