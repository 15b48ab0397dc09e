// Vaccines on the CDC schedules for children and adults, coded in CVX. Names are plain words
// for patients; the CVX code carries the exact product.

export interface VaccineProduct {
  /** First date on which clinics gave this product instead of the one before it. */
  since: string;
  cvx: string;
  name: string;
}

export interface VaccineSeries {
  /** Products in the order clinics adopted them. */
  products: readonly VaccineProduct[];
  /** Recommended age for each dose, in months. */
  doseAgesMonths: readonly number[];
  /** Chance that a family declines the whole series. */
  declineChance: number;
}

const only = (cvx: string, name: string): VaccineProduct[] => [{ since: '1900-01-01', cvx, name }];

/**
 * The CDC childhood and adolescent schedule, one series per line. The hepatitis B birth dose
 * has no decline chance, so every child's chart lists at least one vaccine.
 */
// prettier-ignore
export const CHILDHOOD_SERIES: readonly VaccineSeries[] = [
  { products: only('08', 'Hepatitis B'), doseAgesMonths: [0, 1, 6], declineChance: 0 },
  { products: only('116', 'Rotavirus'), doseAgesMonths: [2, 4, 6], declineChance: 0.02 },
  { products: only('20', 'DTaP (diphtheria, tetanus, whooping cough)'), doseAgesMonths: [2, 4, 6, 15, 48], declineChance: 0.01 },
  { products: only('49', 'Hib (Haemophilus influenzae type b)'), doseAgesMonths: [2, 4, 12], declineChance: 0.01 },
  { products: [{ since: '1900-01-01', cvx: '133', name: 'Pneumococcal conjugate (PCV13)' }, { since: '2023-07-01', cvx: '216', name: 'Pneumococcal conjugate (PCV20)' }], doseAgesMonths: [2, 4, 6, 12], declineChance: 0.01 },
  { products: only('10', 'Polio (IPV)'), doseAgesMonths: [2, 4, 6, 48], declineChance: 0.01 },
  { products: only('03', 'MMR (measles, mumps, rubella)'), doseAgesMonths: [12, 48], declineChance: 0.02 },
  { products: only('21', 'Chickenpox (varicella)'), doseAgesMonths: [12, 48], declineChance: 0.02 },
  { products: only('83', 'Hepatitis A'), doseAgesMonths: [12, 18], declineChance: 0.03 },
  { products: only('115', 'Tdap (tetanus, diphtheria, whooping cough)'), doseAgesMonths: [132], declineChance: 0.03 },
  { products: only('165', 'HPV (human papillomavirus)'), doseAgesMonths: [132, 138], declineChance: 0.25 },
  { products: only('136', 'Meningococcal ACWY'), doseAgesMonths: [132, 192], declineChance: 0.05 },
];

/** Seasonal influenza vaccine: trivalent vaccines replaced quadrivalent ones for 2024-25. */
export const INFLUENZA_PRODUCTS: readonly VaccineProduct[] = [
  { since: '1900-01-01', cvx: '150', name: 'Flu shot (influenza, quadrivalent)' },
  { since: '2024-07-01', cvx: '140', name: 'Flu shot (influenza)' },
];

/** Youngest age for a flu shot, in months. */
export const INFLUENZA_MIN_AGE_MONTHS = 6;

export const ADULT_VACCINES = {
  tdapBooster: only('115', 'Tdap booster (tetanus, diphtheria, whooping cough)'),
  // Recombinant zoster vaccine: two doses, 2 to 6 months apart, from age 50.
  shingles: only('187', 'Shingles (recombinant zoster)'),
  // One dose of PCV20 from age 65.
  pneumococcal: only('216', 'Pneumococcal conjugate (PCV20)'),
} as const;

/** Returns the product a clinic gave on a date. */
export function productOn(products: readonly VaccineProduct[], date: string): VaccineProduct {
  const current = products.filter((product) => product.since <= date).at(-1);
  return current ?? products[0]!;
}
