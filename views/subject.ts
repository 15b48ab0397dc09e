import type { PageChrome } from './models.ts';

/** Phrases that name the patient whose chart is open, as the patient or as someone else. */
export interface SubjectWords {
  // "You have" or "Test Patient has", to start a sentence.
  has: string;
  // "you have" or "Test Patient has", inside a sentence.
  hasInSentence: string;
  // "you" or "Test Patient", as the object of a sentence.
  object: string;
  // "Your" or "Test Patient's", to start a sentence.
  possessive: string;
  // "your care team" or "Test Patient's care team", inside a sentence.
  careTeam: string;
  // "your clinic" or "the clinic", inside a sentence.
  clinic: string;
}

/**
 * Returns the words chart pages use for the patient. A page speaks to the patient as "you",
 * but names the patient when a proxy or staff member reads the chart, so that a parent does
 * not read "You have no test results" about their child.
 */
export function subjectWords(chrome: PageChrome): SubjectWords {
  const name = chrome.chartOf;
  if (chrome.subjectIsViewer !== false || name === null) {
    return {
      has: 'You have',
      hasInSentence: 'you have',
      object: 'you',
      possessive: 'Your',
      careTeam: 'your care team',
      clinic: 'your clinic',
    };
  }
  return {
    has: `${name} has`,
    hasInSentence: `${name} has`,
    object: name,
    possessive: `${name}'s`,
    careTeam: `${name}'s care team`,
    clinic: 'the clinic',
  };
}
