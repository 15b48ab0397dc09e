import { describe, expect, it } from 'vitest';
import { displayUnit, displayValue } from '../../worker/chart/format.ts';

describe('displayUnit', () => {
  it('shows common UCUM units the way lab reports do', () => {
    expect(displayUnit('10*3/uL')).toBe('×10³/µL');
    expect(displayUnit('mL/min/{1.73_m2}')).toBe('mL/min/1.73m²');
    expect(displayUnit('mg/dL')).toBe('mg/dL');
  });

  it('drops annotations in braces', () => {
    expect(displayUnit('{score}')).toBeNull();
    expect(displayUnit('1')).toBeNull();
    expect(displayUnit('mmol/mol{Hb}')).toBe('mmol/mol');
  });
});

describe('displayValue', () => {
  it('joins a number and its unit', () => {
    expect(displayValue({ valueNumeric: 7.9, valueText: null, unit: '%' })).toBe('7.9 %');
  });

  it('shows a score without a unit', () => {
    expect(displayValue({ valueNumeric: 12, valueText: null, unit: '{score}' })).toBe('12');
  });

  it('shows a text result as written', () => {
    expect(displayValue({ valueNumeric: null, valueText: 'Negative', unit: null })).toBe(
      'Negative',
    );
  });
});
