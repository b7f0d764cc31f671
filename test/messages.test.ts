import { describe, expect, it } from 'vitest';
import { fillTemplate, formatNumber, renderSignal, SIGNAL_MESSAGES } from '../src/report/messages.js';

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

  it('has Dutch and English text for every message', () => {
    for (const [id, msgs] of Object.entries(SIGNAL_MESSAGES))
      for (const [mid, t] of Object.entries(msgs)) {
        expect(t.nl.length, `${id}/${mid} nl`).toBeGreaterThan(20);
        expect(t.en.length, `${id}/${mid} en`).toBeGreaterThan(20);
        const keys = (s: string) => [...s.matchAll(/\{([a-z0-9_]+)\}/g)].map((m) => m[1]).sort();
        expect(keys(t.nl), `${id}/${mid} placeholders`).toEqual(keys(t.en));
      }
  });
});
